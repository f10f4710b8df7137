using Sems.Silo.Simulation;

namespace Sems.Silo.Cli;

/// <summary>The KPIs of one or more runs, one column per run, every number with its unit.</summary>
internal static class KpiTable
{
    public static void Write(TextWriter o, IReadOnlyList<SimulationResult> results)
    {
        var names = results.Select(r => r.Scenario.Name).ToList();
        var width = Math.Max(14, names.Max(n => n.Length) + 2);
        o.WriteLine($"{"",-34}{string.Concat(names.Select(n => n.PadLeft(width)))}");
        void Row(string label, Func<Kpis, double> value, int decimals = 1) =>
            o.WriteLine($"{label,-34}{string.Concat(results.Select(r => Units.Number(value(r.Kpis), decimals).PadLeft(width)))}");
        var heat = results.Any(r => r.Scenario.HeatNetwork is not null);
        var ev = results.Any(r => r.Scenario.EvPv is not null);
        if (heat)
        {
            Row("heat network cost (GBP)", k => k.HeatCostGbp, 0);
            Row("heat network CO2 (kg)", k => k.HeatCo2Kg, 0);
            Row("heat from heat pump (kWh)", k => k.HeatPumpHeatKwh, 0);
            Row("heat from boilers (kWh)", k => k.BoilerHeatKwh, 0);
            Row("heat from store (kWh)", k => k.StoreDischargeKwh, 0);
            Row("band violation (°C·h)", k => k.BandViolationDegreeHours, 2);
        }

        if (ev)
        {
            Row("EV cost (GBP)", k => k.EvCostGbp, 0);
            Row("EV CO2 (kg)", k => k.EvCo2Kg, 0);
            Row("PV utilisation (%)", k => k.PvUtilisationPercent);
            Row("PV contribution (%)", k => k.PvContributionPercent);
            Row("EV charging delayed (kWh)", k => k.EvDelayedKwh, 0);
        }

        if (results.Any(r => r.Scenario.DistrictLimitKw is not null))
        {
            Row("limit violation (kWh)", k => k.LimitViolationKwh, 1);
            Row("limit violation sum (kW)", k => k.LimitViolationSumKw, 0);
            Row("steps over the limit", k => k.StepsOverLimit, 0);
        }

        Row("peak HP + EV grid draw (kW)", k => k.PeakGridKw);
        Row("coordination re-solves", k => k.Resolves, 0);
        o.WriteLine($"{"wall time (s)",-34}{string.Concat(results.Select(r => Units.Number(r.Wall.TotalSeconds, 1).PadLeft(width)))}");
    }
}
