using Sems.Contracts;
using Sems.Contracts.Results;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;
using Sems.Engine.Reporting;

namespace Sems.Grains;

/// <summary>Maps an engine result to the typed full-result record a subsystem grain serves, and back (for the JSON writers), its exports included.</summary>
public static class ResultMapper
{
    public static SubsystemResultRecord ToRecord(SubsystemResult r, int cycle)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new SubsystemResultRecord(
            r.Id, cycle, ResultJson.StatusName(r.Status), r.Objective, r.ModelObjective,
            r.Terms is { } t
                ? new PlanTerms(t.Energy, t.Storage, t.Comfort, new Dictionary<string, double>(t.ByFactor, StringComparer.Ordinal), t.StartCosts)
                {
                    ExportValueByFactor = new Dictionary<string, double>(t.ExportValueByFactor, StringComparer.Ordinal),
                }
                : null,
            r.DrawKw.ToDictionary(d => d.Key, d => d.Value.ToArray(), StringComparer.Ordinal),
            r.Supplies.Select(s => new SupplyResult(s.Id, s.Conversions.Select(c => new ConversionResult(c.Resource, c.EnergyType, c.DrawKw.ToArray(), c.OutputKw.ToArray())).ToArray(), s.On?.ToArray())).ToArray(),
            r.Stores.Select(s => new StoreResult(s.Id, s.EnergyType, s.SocKwh.ToArray(), s.ChargeKw.ToArray(), s.DischargeKw.ToArray())).ToArray(),
            r.Demands.Select(d => new DemandResult(d.Id, d.Kind, d.Outputs.Select(o => o.ToArray()).ToArray(), d.Slack.Select(o => o.ToArray()).ToArray(), d.ValuesKw?.ToArray(),
                d.TerminalOutputs.ToArray(), d.TerminalSlack.ToArray(), d.InputKw.ToDictionary(i => i.Key, i => i.Value.ToArray(), StringComparer.Ordinal))).ToArray(),
            r.Solver, r.RelativeGap, r.BuildTime, r.SolveTime,
            r.Infeasibility.Select(f => new InfeasibilityResult(f.Family.ToString(), f.Message, f.FirstStep, f.LastStep, f.MaxAmount, f.Unit)).ToArray(),
            r.Message, r.MaxSlack, r.SlackBeyondRange, r.Warnings.ToArray())
        {
            ExportKw = r.ExportKw.ToDictionary(d => d.Key, d => d.Value.ToArray(), StringComparer.Ordinal),
            Exports = r.Exports.ToDictionary(d => d.Key, d => d.Value.ToArray(), StringComparer.Ordinal),
        };
    }

    public static SubsystemResult ToEngine(SubsystemResultRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new SubsystemResult(
            r.Id, Enum.Parse<SolveStatus>(r.Status, ignoreCase: true), r.Objective, r.ModelObjective,
            r.Terms is { } t
                ? new ObjectiveTerms(t.Energy, t.Storage, t.Comfort, new Dictionary<string, double>(t.ByFactor, StringComparer.Ordinal), t.StartCosts)
                {
                    ExportValueByFactor = new Dictionary<string, double>(t.ExportValueByFactor, StringComparer.Ordinal),
                }
                : null,
            r.DrawKw.ToDictionary(d => d.Key, d => (IReadOnlyList<double>)d.Value, StringComparer.Ordinal),
            r.Supplies.Select(s => new SupplyTrajectory(s.Id, s.Conversions.Select(c => new ConversionTrajectory(c.Resource, c.EnergyType, c.DrawKw, c.OutputKw)).ToList(), s.On)).ToList(),
            r.Stores.Select(s => new StoreTrajectory(s.Id, s.EnergyType, s.SocKwh, s.ChargeKw, s.DischargeKw)).ToList(),
            r.Demands.Select(d => new DemandTrajectory(d.Id, d.Kind, d.Outputs.Select(o => (IReadOnlyList<double>)o).ToList(), d.Slack.Select(o => (IReadOnlyList<double>)o).ToList(), d.ValuesKw)
            {
                TerminalOutputs = d.TerminalOutputs,
                TerminalSlack = d.TerminalSlack,
                InputKw = d.InputKw.ToDictionary(i => i.Key, i => (IReadOnlyList<double>)i.Value, StringComparer.Ordinal),
            }).ToList(),
            r.Solver, r.RelativeGap, r.BuildTime, r.SolveTime,
            r.Infeasibility.Select(f => new InfeasibilityFinding(Enum.Parse<ConstraintFamily>(f.Family), f.Message, f.FirstStep, f.LastStep, f.MaxAmount, f.Unit)).ToList(),
            r.Message)
        {
            MaxSlack = r.MaxSlack,
            SlackBeyondRange = r.SlackBeyondRange,
            Warnings = r.Warnings,
            ExportKw = r.ExportKw.ToDictionary(d => d.Key, d => (IReadOnlyList<double>)d.Value, StringComparer.Ordinal),
            Exports = r.Exports.ToDictionary(d => d.Key, d => (IReadOnlyList<double>)d.Value, StringComparer.Ordinal),
        };
    }
}
