namespace Sems.Gateway.Rest;

/// <summary>A query parameter of a REST route: its name, JSON Schema type and format (e.g. "string" "date-time") and meaning.</summary>
internal sealed record RestParameter(string Name, string Type, string? Format, string Description);
