using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Engine.Horizon;

/// <summary>
/// The first step of a plan as set-points per asset id, keys carrying units: a supply's "{resource}.drawKw" and
/// "{energyType}.outputKw" per conversion; a store's "chargeKw", "dischargeKw" and "socKwh" (the SoC to reach by
/// the end of the step); a state-space demand's predicted outputs "y0"… at the end of the step.
/// </summary>
public static class FirstStepSetpoints
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> From(Subsystem subsystem, SubsystemResult plan)
    {
        ArgumentNullException.ThrowIfNull(subsystem);
        ArgumentNullException.ThrowIfNull(plan);
        var setpoints = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        if (!plan.HasPlan) return setpoints;
        foreach (var supply in plan.Supplies)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var c in supply.Conversions)
            {
                values[$"{c.Resource}.drawKw"] = c.DrawKw[0];
                values[$"{c.EnergyType}.outputKw"] = c.OutputKw[0];
            }

            if (supply.On is { } on) values["on"] = on[0] ? 1 : 0;
            setpoints[supply.Id] = values;
        }

        foreach (var store in plan.Stores)
            setpoints[store.Id] = new Dictionary<string, double> { ["chargeKw"] = store.ChargeKw[0], ["dischargeKw"] = store.DischargeKw[0], ["socKwh"] = store.SocKwh[1] };

        foreach (var demand in plan.Demands.Where(d => d.Kind == "stateSpace"))
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var o = 0; o < demand.Outputs.Count; o++) values[$"y{o}"] = demand.Outputs[o].Count > 1 ? demand.Outputs[o][1] : demand.Outputs[o][0];
            setpoints[demand.Id] = values;
        }

        return setpoints;
    }
}
