namespace Sems.Engine.Mpc;

/// <summary>A supply's planned conversions, and its on/off schedule when it has unit commitment.</summary>
public sealed record SupplyTrajectory(string Id, IReadOnlyList<ConversionTrajectory> Conversions, IReadOnlyList<bool>? On);
