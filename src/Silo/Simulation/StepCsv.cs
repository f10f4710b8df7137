using System.Globalization;
using System.Text;

namespace Sems.Silo.Simulation;

/// <summary>Every simulated step of a run as CSV text, units in the headers.</summary>
public static class StepCsv
{
    public static readonly string[] Columns =
    [
        "time_utc", "price_gbp_per_kwh", "carbon_kg_per_kwh", "outdoor_c",
        "hp_electric_kw", "hp_heat_kw", "hp_cop", "boiler_gas_kw", "boiler_heat_kw", "store_charge_kw", "store_discharge_kw",
        "heat_load_kw", "network_c", "store_kwh", "band_violation_c_h",
        "ev_demand_kw", "ev_delayed_kw", "ev_caught_up_kw", "ev_charging_kw", "pv_available_kw", "pv_used_kw", "ev_grid_kw", "ev_backlog_kwh",
        "resolves", "predicted_excess_kwh", "cycle_ms", "risk_margin_kw",
    ];

    /// <summary>The values of <see cref="Columns"/> after the time, null where the run has no such subsystem.</summary>
    public static double?[] Values(StepRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var h = s.Heat;
        var e = s.Ev;
        return
        [
            s.PriceGbpPerKwh, s.CarbonKgPerKwh, s.OutdoorC,
            h?.HeatPumpElectricKw, h?.HeatPumpHeatKw, h?.HeatPumpCop, h?.BoilerGasKw, h?.BoilerHeatKw, h?.StoreChargeKw, h?.StoreDischargeKw,
            h?.LoadKw, h?.NetworkTemperatureC, h?.StoreKwh, h?.BandViolationDegreeHours,
            e?.DemandKw, e?.DelayedKw, e?.CaughtUpKw, e?.ChargingKw, e?.PvAvailableKw, e?.PvUsedKw, e?.GridKw, e?.BacklogKwh,
            s.Resolves, s.PredictedExcessKwh, s.CycleMs, s.RiskMarginKw,
        ];
    }

    public static string Text(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var s in result.Steps)
        {
            text.Append(s.Time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            foreach (var v in Values(s)) text.Append(',').Append(v?.ToString("0.######", CultureInfo.InvariantCulture));
            text.Append('\n');
        }

        return text.ToString();
    }
}
