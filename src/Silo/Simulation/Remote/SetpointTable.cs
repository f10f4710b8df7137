using Sems.Api.V1;

namespace Sems.Silo.Simulation.Remote;

/// <summary>
/// One <see cref="SetpointList"/> as the site's asset adapter reads it: the value in force for each subsystem's asset's
/// key (a key without a set-point reads 0: the controller holds its asset off, as in the in-process co-simulation),
/// the newest cycle per subsystem, and the step the list's newest cycle covers on SEMS's clock.
/// </summary>
public sealed class SetpointTable
{
    private readonly Dictionary<(string Subsystem, string Asset, string Key), double> _values;
    private readonly Dictionary<string, long> _cycles;

    private SetpointTable(long cycle, Dictionary<(string, string, string), double> values, Dictionary<string, long> cycles, DateTimeOffset? validFrom, DateTimeOffset? validUntil)
    {
        Cycle = cycle;
        _values = values;
        _cycles = cycles;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
    }

    /// <summary>No set-points: every controller holds its asset off.</summary>
    public static SetpointTable Empty { get; } = new(-1, [], new Dictionary<string, long>(StringComparer.Ordinal), null, null);

    /// <summary>The newest cycle among the set-points; -1 when there are none.</summary>
    public long Cycle { get; }

    /// <summary>Start of the step the newest cycle's set-points are for (SEMS's clock); null without set-points.</summary>
    public DateTimeOffset? ValidFrom { get; }

    /// <summary>End of that step: the start of the next one; null without set-points.</summary>
    public DateTimeOffset? ValidUntil { get; }

    public bool IsEmpty => _values.Count == 0 && _cycles.Count == 0;

    public static SetpointTable From(SetpointList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.Setpoints.Count == 0) return Empty;
        var values = new Dictionary<(string, string, string), double>();
        var cycles = new Dictionary<string, long>(StringComparer.Ordinal);
        var newest = list.Setpoints.Max(s => s.Cycle);
        DateTimeOffset? from = null, until = null;
        foreach (var s in list.Setpoints)
        {
            values[(s.Subsystem, s.Asset, s.Key)] = s.Value;
            cycles[s.Subsystem] = Math.Max(cycles.GetValueOrDefault(s.Subsystem, long.MinValue), s.Cycle);
            if (s.Cycle == newest && from is null && s.ValidFrom is not null && s.ValidUntil is not null)
            {
                from = s.ValidFrom.ToDateTimeOffset();
                until = s.ValidUntil.ToDateTimeOffset();
            }
        }

        return new SetpointTable(newest, values, cycles, from, until);
    }

    /// <summary>The value of a subsystem's asset's key, 0 when the list has none.</summary>
    public double Value(string subsystem, string asset, string key) => _values.GetValueOrDefault((subsystem, asset, key));

    /// <summary>The newest cycle among a subsystem's set-points; null when the list has none of it.</summary>
    public long? CycleOf(string subsystem) => _cycles.TryGetValue(subsystem, out var cycle) ? cycle : null;
}
