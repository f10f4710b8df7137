using Sems.Engine.Model;

namespace Sems.Engine.Horizon;

/// <summary>
/// Moves a district's horizon forward: cycle k plans steps k…k+N−1. Series given for one horizon are read as a
/// periodic profile (a day of 96 steps repeats), so every input is rotated by k steps: factors and export factors,
/// limits, and every subsystem's series, its exports' min and max and its draw uncertainty included.
/// </summary>
public static class RecedingHorizon
{
    public static District Shift(District district, int steps)
    {
        ArgumentNullException.ThrowIfNull(district);
        if (steps == 0) return district;
        Series R(Series s) => s.Rotate(steps);
        return district with
        {
            Start = district.Start?.AddMinutes((double)steps * district.StepMinutes),
            Factors = district.Factors.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, Series>)f.Value.ToDictionary(r => r.Key, r => R(r.Value), StringComparer.Ordinal), StringComparer.Ordinal),
            ExportFactors = district.ExportFactors.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, Series>)f.Value.ToDictionary(r => r.Key, r => R(r.Value), StringComparer.Ordinal), StringComparer.Ordinal),
            DistrictLimits = district.DistrictLimits.ToDictionary(l => l.Key, l => R(l.Value), StringComparer.Ordinal),
            Subsystems = district.Subsystems.Select(s => Shift(s, R)).ToList(),
        };
    }

    private static Subsystem Shift(Subsystem s, Func<Series, Series> r) => s with
    {
        Resources = s.Resources.ToDictionary(x => x.Key, x => new ResourceBounds(r(x.Value.Min), r(x.Value.Max)), StringComparer.Ordinal),
        Supplies = s.Supplies.Select(supply => supply with
        {
            Conversions = supply.Conversions.Select(c => c with { Efficiency = r(c.Efficiency), Min = r(c.Min), Max = r(c.Max) }).ToList(),
            Commitment = supply.Commitment is { } uc ? uc with { MinOn = r(uc.MinOn) } : null,
        }).ToList(),
        Stores = s.Stores.Select(st => st with
        {
            ChargeMin = r(st.ChargeMin), ChargeMax = r(st.ChargeMax), DischargeMin = r(st.DischargeMin), DischargeMax = r(st.DischargeMax), Penalty = r(st.Penalty),
        }).ToList(),
        Demands = s.Demands.Select(d => d switch
        {
            SeriesDemand series => series with { Values = r(series.Values) },
            StateSpaceDemand m => (Demand)(m with { Band = m.Band with { Lower = r(m.Band.Lower), Upper = r(m.Band.Upper) } }),
            _ => d,
        }).ToList(),
        Disturbances = s.Disturbances.ToDictionary(d => d.Key, d => r(d.Value), StringComparer.Ordinal),
        Exports = s.Exports.Select(x => x with { Min = r(x.Min), Max = r(x.Max) }).ToList(),
        ExportCapsKw = s.ExportCapsKw.ToDictionary(c => c.Key, c => r(c.Value), StringComparer.Ordinal),
        UncertaintyKw = s.UncertaintyKw.ToDictionary(u => u.Key, u => r(u.Value), StringComparer.Ordinal),
    };

    /// <summary>Sets each store's SoC[0] and each state-space demand's x0 (eqs. 7, 15) from measurements or predictions.</summary>
    public static Subsystem WithInitialState(Subsystem subsystem, IReadOnlyDictionary<string, double> socKwh, IReadOnlyDictionary<string, double[]> states)
    {
        ArgumentNullException.ThrowIfNull(subsystem);
        return subsystem with
        {
            Stores = subsystem.Stores.Select(st => socKwh.TryGetValue(st.Id, out var soc) ? st with { SocInitial = soc } : st).ToList(),
            Demands = subsystem.Demands.Select(d => d is StateSpaceDemand m && states.TryGetValue(m.Id, out var x0) ? m with { X0 = x0 } : d).ToList(),
        };
    }
}
