using System.Globalization;
using Sems.Engine.Model;

namespace Sems.Engine.Horizon;

/// <summary>
/// Replaces a subsystem's inputs for one horizon with forecasts. Keys name the input:
/// <c>demand:{demandId}</c> (kW), <c>disturbance:{name}</c>, <c>factor:{factor}:{resource}</c> (per kWh),
/// <c>resourceMin:{resource}</c> and <c>resourceMax:{resource}</c> (kW, eq. 5; for a renewable the available power),
/// <c>conversionMax:{supplyId}:{k}</c> (kW drawn, eq. 3), <c>efficiency:{supplyId}:{k}</c> (η or COP),
/// <c>chargeMax:{storeId}</c>, <c>dischargeMax:{storeId}</c> (kW), <c>uncertainty:{resource}</c> (the standard deviation
/// of the subsystem's draw of a resource it draws caused by forecast error, kW ≥ 0; the coordinator's risk margin). Every value must be finite and every series
/// exactly N long; a problem names the key and the value, and nothing is applied unless everything is valid.
/// </summary>
public static class ForecastOverlay
{
    public static (District? District, IReadOnlyList<string> Problems) Apply(District district, IReadOnlyDictionary<string, double[]> forecasts)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(forecasts);
        if (district.Subsystems.Count != 1) return (null, [$"a forecast applies to a one-subsystem district, not {district.Subsystems.Count}"]);
        var n = district.HorizonSteps;
        var problems = new List<string>();
        foreach (var (key, values) in forecasts)
        {
            if (values is null || values.Length != n) problems.Add($"{key}: {values?.Length ?? 0} values where the horizon has {n} steps");
            else if (values.Select((v, i) => (v, i)).FirstOrDefault(x => !double.IsFinite(x.v)) is { } bad && !double.IsFinite(bad.v))
                problems.Add($"{key}[{bad.i}]: {bad.v.ToString(CultureInfo.InvariantCulture)} is not a finite number");
        }

        if (problems.Count > 0) return (null, problems);

        var subsystem = district.Subsystems[0];
        var factors = district.Factors.ToDictionary(f => f.Key, f => f.Value.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        var resources = new Dictionary<string, ResourceBounds>(subsystem.Resources, StringComparer.Ordinal);
        var supplies = subsystem.Supplies.ToList();
        var stores = subsystem.Stores.ToList();
        var demands = subsystem.Demands.ToList();
        var disturbances = new Dictionary<string, Series>(subsystem.Disturbances, StringComparer.Ordinal);
        var uncertainty = new Dictionary<string, Series>(subsystem.UncertaintyKw, StringComparer.Ordinal);

        foreach (var (key, values) in forecasts)
        {
            var parts = key.Split(':');
            var series = Series.Of(values);
            bool Known(bool found)
            {
                if (!found) problems.Add($"{key}: names no input of subsystem {subsystem.Id}");
                return found;
            }

            switch (parts[0])
            {
                case "demand" when parts.Length == 2:
                    var d = demands.FindIndex(x => x is SeriesDemand && x.Id == parts[1]);
                    if (Known(d >= 0)) demands[d] = ((SeriesDemand)demands[d]) with { Values = series };
                    break;
                case "disturbance" when parts.Length == 2:
                    if (Known(disturbances.ContainsKey(parts[1]))) disturbances[parts[1]] = series;
                    break;
                case "factor" when parts.Length == 3:
                    if (Known(factors.ContainsKey(parts[1]) && subsystem.DrawnResources.Contains(parts[2]))) factors[parts[1]][parts[2]] = series;
                    break;
                case "resourceMin" or "resourceMax" when parts.Length == 2:
                    if (Known(subsystem.DrawnResources.Contains(parts[1])))
                    {
                        var bounds = resources.GetValueOrDefault(parts[1]) ?? new ResourceBounds(Series.Constant(0, n), Series.Constant(double.PositiveInfinity, n));
                        resources[parts[1]] = parts[0] == "resourceMin" ? bounds with { Min = series } : bounds with { Max = series };
                    }

                    break;
                case "conversionMax" or "efficiency" when parts.Length == 3 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var k):
                    var s = supplies.FindIndex(x => x.Id == parts[1]);
                    if (Known(s >= 0 && k >= 0 && k < supplies[s].Conversions.Count))
                    {
                        var conversions = supplies[s].Conversions.ToList();
                        conversions[k] = parts[0] == "efficiency" ? conversions[k] with { Efficiency = series } : conversions[k] with { Max = series };
                        supplies[s] = supplies[s] with { Conversions = conversions };
                    }

                    break;
                case "chargeMax" or "dischargeMax" when parts.Length == 2:
                    var st = stores.FindIndex(x => x.Id == parts[1]);
                    if (Known(st >= 0)) stores[st] = parts[0] == "chargeMax" ? stores[st] with { ChargeMax = series } : stores[st] with { DischargeMax = series };
                    break;
                case "uncertainty" when parts.Length == 2:
                    if (!Known(subsystem.DrawnResources.Contains(parts[1]))) break;
                    if (Array.FindIndex(values, v => v < 0) is var negative and >= 0)
                        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key}[{negative}]: {values[negative]} is negative: a standard deviation is a power in kW ≥ 0"));
                    else uncertainty[parts[1]] = series;
                    break;
                default:
                    problems.Add($"{key}: is not a forecast key (demand:, disturbance:, factor:, resourceMin:, resourceMax:, conversionMax:, efficiency:, chargeMax:, dischargeMax:, uncertainty:)");
                    break;
            }
        }

        // Physical consistency: a forecast may not make a lower bound exceed its upper bound or an efficiency non-positive.
        foreach (var supply in supplies)
        {
            foreach (var c in supply.Conversions)
            {
                if (Enumerable.Range(0, n).FirstOrDefault(i => c.Min[i] > c.Max[i] || c.Efficiency[i] <= 0, -1) is var i and >= 0)
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{supply.Id}: at step {i} min {c.Min[i]} kW > max {c.Max[i]} kW or efficiency {c.Efficiency[i]} ≤ 0"));
            }
        }

        foreach (var (p, b) in resources)
        {
            if (Enumerable.Range(0, n).FirstOrDefault(i => b.Min[i] > b.Max[i], -1) is var i and >= 0)
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"resource {p}: at step {i} Pmin {b.Min[i]} kW > Pmax {b.Max[i]} kW"));
        }

        if (problems.Count > 0) return (null, problems);
        var updated = subsystem with { Resources = resources, Supplies = supplies, Stores = stores, Demands = demands, Disturbances = disturbances, UncertaintyKw = uncertainty };
        return (district with
        {
            Factors = factors.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, Series>)f.Value, StringComparer.Ordinal),
            Subsystems = [updated],
        }, []);
    }
}
