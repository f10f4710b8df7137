using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Reporting;

namespace Sems.Silo.Cli;

/// <summary>
/// The readable report of <c>sems solve</c>: per subsystem its status, objective terms, energy and peak per resource;
/// the objective terms and the resources are each laid out in aligned columns, numbers right-aligned.
/// </summary>
internal static class ResultTable
{
    private const string Indent = "  ";

    public static void Write(TextWriter output, District district, IReadOnlyList<SubsystemResult> results)
    {
        var hours = district.HorizonSteps * district.StepHours;
        output.WriteLine($"District \"{district.Title}\"{(district.Title == district.Name ? "" : $" ({district.Name})")}: {results.Count} subsystem{(results.Count == 1 ? "" : "s")}, {district.HorizonSteps} steps × {district.StepMinutes} min ({Units.Number(hours, 2)} h)");
        foreach (var result in results)
        {
            var subsystem = district.Subsystems.First(s => s.Id == result.Id);
            output.WriteLine();
            var gap = result.RelativeGap is > 0 and var g ? $", gap {g:P3}" : "";
            output.WriteLine($"{result.Id} (priority {subsystem.Priority}): {ResultJson.StatusName(result.Status)}  [{result.Solver}, build {Units.Number(result.BuildTime.TotalMilliseconds, 1)} ms, solve {Units.Number(result.SolveTime.TotalMilliseconds, 1)} ms{gap}]");
            if (result.Terms is { } terms)
            {
                var weights = subsystem.Weights;
                var objective = new List<IReadOnlyList<string>>
                {
                    new[] { "objective J (eq. 23)", Units.Number(result.Objective, 4), "objective units (weighted sum)" },
                    new[] { $"  energy   φ_nrg={weights.Energy:0.###} (eq. 19)", Units.Number(terms.Energy, 4), "objective units" },
                    new[] { $"  storage  φ_pen={weights.Storage:0.###} (eq. 21)", Units.Number(terms.Storage, 4), "objective units" },
                    new[] { $"  comfort  φ_slack={weights.Comfort:0.###} (eq. 22)", Units.Number(terms.Comfort, 4), "objective units" },
                };
                foreach (var (factor, total) in terms.ByFactor)
                    objective.Add([$"{factor} total over the horizon", Units.Number(total, 2), Units.OfFactorTotal(factor, district.Currency)]);
                foreach (var (factor, earned) in terms.ExportValueByFactor)
                    objective.Add([$"  exports earned ({factor}, netted above)", Units.Number(earned, 2), Units.OfFactorTotal(factor, district.Currency)]);
                if (terms.StartCosts > 0) objective.Add(["start costs", Units.Number(terms.StartCosts, 2), Units.OfFactorTotal("cost", district.Currency)]);
                foreach (var line in TextColumns.Lines(objective, k => k == 1, Indent)) output.WriteLine(line.TrimEnd());

                var resources = new List<IReadOnlyList<string>> { new[] { "resource", "energy kWh", "peak kW", "mean kW" } };
                foreach (var (resource, draw) in result.DrawKw)
                {
                    var energy = draw.Sum() * district.StepHours;
                    resources.Add([resource, Units.Number(energy, 1), Units.Number(draw.Max(), 1), Units.Number(draw.Average(), 1)]);
                }

                // What the subsystem feeds back, and its net draw import − export (peak: the largest net draw; negative where it feeds back).
                foreach (var (resource, export) in result.ExportKw)
                {
                    resources.Add([$"{resource} export", Units.Number(export.Sum() * district.StepHours, 1), Units.Number(export.Max(), 1), Units.Number(export.Average(), 1)]);
                    var net = result.NetDrawKw[resource];
                    resources.Add([$"{resource} net", Units.Number(net.Sum() * district.StepHours, 1), Units.Number(net.Max(), 1), Units.Number(net.Average(), 1)]);
                }

                foreach (var line in TextColumns.Lines(resources, k => k > 0, Indent)) output.WriteLine(line);

                foreach (var store in result.Stores)
                    output.WriteLine($"  store {store.Id}: SoC {Units.Number(store.SocKwh[0], 1)} → {Units.Number(store.SocKwh[^1], 1)} kWh (min {Units.Number(store.SocKwh.Min(), 1)}, max {Units.Number(store.SocKwh.Max(), 1)} kWh)");
                foreach (var demand in result.Demands.Where(d => d.Kind == "stateSpace"))
                {
                    var units = subsystem.Demands.OfType<StateSpaceDemand>().FirstOrDefault(d => d.Id == demand.Id)?.OutputUnits;
                    for (var o = 0; o < demand.Outputs.Count; o++)
                    {
                        var y = demand.Outputs[o];
                        var outside = demand.Slack[o].Count(s => s > 1e-6);
                        var unit = units is not null && o < units.Count ? units[o] : "(unit not given in the file)";
                        output.WriteLine($"  demand {demand.Id} y{o}: {Units.Number(y.Min(), 2)}…{Units.Number(y.Max(), 2)} {unit}, outside band at {outside} of {y.Count} steps, max slack {Units.Number(demand.Slack[o].Max(), 3)}{(units is not null && o < units.Count ? " " + units[o] : "")}");
                    }
                }
            }

            if (result.SlackBeyondRange)
                output.WriteLine($"  warning: slack {Units.Number(result.MaxSlack, 3)} lies beyond the range of the ε² model, which under-prices it there");
            foreach (var warning in result.Warnings) output.WriteLine($"  warning: {warning}");

            if (result.Infeasibility.Count > 0)
            {
                output.WriteLine("  infeasible: to become feasible, these constraint families had to give (least total violation):");
                foreach (var finding in result.Infeasibility) output.WriteLine($"    - {finding.Message}");
            }

            if (result.Message is not null) output.WriteLine($"  {result.Message}");
        }
    }
}
