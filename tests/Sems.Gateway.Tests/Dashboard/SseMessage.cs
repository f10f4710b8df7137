namespace Sems.Gateway.Tests.Dashboard;

/// <summary>One server-sent event as the EventSource specification assembles it: its id, event type, data lines joined with \n, and retry.</summary>
internal sealed record SseMessage(string? Id, string Event, string Data, int? RetryMs);
