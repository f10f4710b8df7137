using System.Diagnostics;
using Sems.Engine.Coordination.Economic;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Coordination;

/// <summary>
/// The benchmark that coordination is measured against: one <see cref="LinearProgram"/> holding every subsystem's model
/// (eqs. 1–24, each built as <see cref="SubsystemModelBuilder"/> builds it) plus, for every node n of the district's
/// grid, every resource p it limits and every step i, the row Σ_{ℓ in subtree(n)} (Psub_ℓ − export_ℓ)[p][i] ≤ Plim_n[p][i]
/// (eqs. 25–26 per node, on the net draw; Σ Psub when nothing exports) and, where the node limits exports, the row
/// Σ_{ℓ in subtree(n)} (export_ℓ − Psub_ℓ)[p][i] ≤ exportMax_n[p][i], minimising Σ_ℓ J_ℓ. A district without a grid has one root holding its district limits.
/// With <c>coordination.riskLevel</c> every node's import row holds importMax − margin (<see cref="RiskMargin.Lower"/>).
/// When any subsystem has integer variables the joint problem is a MILP and goes to the MILP backend (SCIP).
/// </summary>
public static class CentralisedPlanner
{
    /// <summary>Solves the joint problem; returns the status and each subsystem's plan read from the joint solution (in district order).</summary>
    public static (SolveStatus Status, IReadOnlyList<SubsystemResult> Plans) Solve(District district, MpcOptions? options = null)
    {
        var result = Reference(district, options);
        return (result.Status, result.Plans);
    }

    /// <summary>
    /// Solves the joint problem under every node's limit; returns the plans, the joint objective, the solve time and
    /// the node-by-node check of the plans' draws against the limits.
    /// </summary>
    public static CentralisedResult Reference(District district, MpcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        options ??= MpcOptions.Default;
        district = RiskMargin.Lower(district).Planning; // with coordination.riskLevel: every node's importMax − margin
        var limits = LimitTree.Of(district.Grid);
        var joint = new LinearProgram();
        var models = district.Subsystems.Select(s => SubsystemModelBuilder.Build(district, s, options)).ToList();
        var offsets = models.Select(m => joint.Append(m.Program)).ToList();
        var paths = district.Subsystems.Select(s => limits.PathToRoot(limits.IndexOf(s.Node))).ToList();

        var terms = new List<(int, double)>();
        for (var node = 0; node < limits.Count; node++)
        {
            var members = Enumerable.Range(0, models.Count).Where(l => paths[l].Contains(node)).ToList();
            foreach (var (resource, limit) in limits.ImportMaxKw[node])
            {
                var subject = new Subject($"{resource}Node[{limits.NodeIds[node]}]DrawKw", ConstraintFamily.ResourceLimits, "",
                    $"{resource} draw of the subtree of node {limits.NodeIds[node]} above its importMax (eq. 26 per node) by", "kW");
                for (var i = 0; i < district.HorizonSteps; i++)
                {
                    if (!double.IsFinite(limit[i])) continue;
                    NetDraw(resource, i, 1, members);
                    joint.AddRow(subject, i, double.NegativeInfinity, limit[i], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(terms)); // Ptot_n ≤ Plim_n
                }
            }

            foreach (var (resource, limit) in limits.ExportMaxKw[node])
            {
                var subject = new Subject($"{resource}Node[{limits.NodeIds[node]}]ExportKw", ConstraintFamily.ResourceLimits, "",
                    $"{resource} export of the subtree of node {limits.NodeIds[node]} above its exportMax by", "kW");
                for (var i = 0; i < district.HorizonSteps; i++)
                {
                    if (!double.IsFinite(limit[i])) continue;
                    NetDraw(resource, i, -1, members);
                    joint.AddRow(subject, i, double.NegativeInfinity, limit[i], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(terms)); // −Ptot_n ≤ exportMax_n
                }
            }
        }

        // terms = sign·Σ_ℓ (Psub_ℓ − export_ℓ)[resource][i] over the members (eq. 25; exports enter only where a subsystem has them).
        void NetDraw(string resource, int i, double sign, List<int> members)
        {
            terms.Clear();
            foreach (var l in members)
            {
                var supplies = models[l].Subsystem.Supplies;
                for (var s = 0; s < supplies.Count; s++)
                {
                    for (var c = 0; c < supplies[s].Conversions.Count; c++)
                    {
                        if (supplies[s].Conversions[c].Resource == resource) terms.Add((offsets[l] + models[l].DrawKw[s][c][i], sign)); // Psub (eq. 25)
                    }
                }

                var exports = models[l].Subsystem.Exports;
                for (var x = 0; x < exports.Count; x++)
                {
                    if (exports[x].Resource == resource) terms.Add((offsets[l] + models[l].ExportKw[x][i], -sign));
                }
            }
        }

        var clock = Stopwatch.StartNew();
        var solution = OrToolsSolver.Solve(joint, options.Solver);
        var elapsed = clock.Elapsed;
        if (!solution.HasValues) return new CentralisedResult(solution.Status, [], double.NaN, double.NaN, elapsed, limits, []);
        var plans = models.Select((model, l) =>
        {
            var values = solution.Values.Skip(offsets[l]).Take(model.Program.VariableCount).ToArray();
            var own = solution with { Values = values, Objective = model.Program.Objective(values) };
            return SubsystemSolver.Read(model, own, TimeSpan.Zero);
        }).ToList();
        var net = district.Subsystems.Select((s, l) => (s.Node, plans[l].NetDrawKw)).ToList();
        var loads = NodeLoads.Compute(limits, net, district.HorizonSteps, district.StepHours);
        return new CentralisedResult(solution.Status, plans, solution.Objective, solution.BestBound, elapsed, limits, loads)
        {
            ExportLoads = NodeLoads.ComputeExports(limits, net, district.HorizonSteps, district.StepHours),
        };
    }
}
