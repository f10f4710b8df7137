using Sems.Engine.Mpc;

namespace Sems.Engine.Coordination;

/// <summary>A coordination cycle's report with each subsystem's final plan (in district order) and its plan before coordination.</summary>
public sealed record CoordinationOutcome(CoordinationReport Report, IReadOnlyList<SubsystemResult> Final, IReadOnlyList<SubsystemResult> Initial);
