using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Coordination;

/// <summary>
/// The benchmark that coordination is measured against: one <see cref="LinearProgram"/> holding every subsystem's model
/// (eqs. 1–24, each built as <see cref="SubsystemModelBuilder"/> builds it) plus the district rows
/// Σ_ℓ Psub_ℓ[p][i] ≤ Plim[p][i] for every limited resource and step (eqs. 25–26), minimising Σ_ℓ J_ℓ.
/// </summary>
public static class CentralisedPlanner
{
    /// <summary>Solves the joint problem; returns the status and each subsystem's plan read from the joint solution (in district order).</summary>
    public static (SolveStatus Status, IReadOnlyList<SubsystemResult> Plans) Solve(District district, MpcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        options ??= MpcOptions.Default;
        var joint = new LinearProgram();
        var models = district.Subsystems.Select(s => SubsystemModelBuilder.Build(district, s, options)).ToList();
        var offsets = models.Select(m => joint.Append(m.Program)).ToList();

        foreach (var (resource, limit) in district.DistrictLimits)
        {
            var subject = new Subject($"{resource}DistrictDrawKw", ConstraintFamily.ResourceLimits, "", $"district {resource} draw above Plim (eq. 26) by", "kW");
            for (var i = 0; i < district.HorizonSteps; i++)
            {
                var terms = new List<(int, double)>();
                for (var l = 0; l < models.Count; l++)
                {
                    var supplies = models[l].Subsystem.Supplies;
                    for (var s = 0; s < supplies.Count; s++)
                    {
                        for (var c = 0; c < supplies[s].Conversions.Count; c++)
                        {
                            if (supplies[s].Conversions[c].Resource == resource) terms.Add((offsets[l] + models[l].DrawKw[s][c][i], 1)); // Psub (eq. 25)
                        }
                    }
                }

                joint.AddRow(subject, i, double.NegativeInfinity, limit[i], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(terms)); // Ptot ≤ Plim
            }
        }

        var solution = OrToolsSolver.Solve(joint, options.Solver);
        if (!solution.HasValues) return (solution.Status, []);
        var plans = models.Select((model, l) =>
        {
            var values = solution.Values.Skip(offsets[l]).Take(model.Program.VariableCount).ToArray();
            var own = solution with { Values = values, Objective = model.Program.Objective(values) };
            return SubsystemSolver.Read(model, own, TimeSpan.Zero);
        }).ToList();
        return (solution.Status, plans);
    }
}
