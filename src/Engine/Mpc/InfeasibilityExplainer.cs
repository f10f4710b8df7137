using System.Globalization;
using Sems.Engine.Model;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Mpc;

/// <summary>
/// Explains an infeasible subsystem: solves the elastic version of its model (every constraint family relaxed with a
/// penalised slack, structure kept) for the least total violation, then says which families had to give, at which
/// steps and by how much, with the state of the supplies where that tells the cause.
/// </summary>
public static class InfeasibilityExplainer
{
    private const double Tolerance = 1e-6;

    public static IReadOnlyList<InfeasibilityFinding> Explain(SubsystemModel model, SolverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        var elastic = ElasticProgram.From(model.Program);
        var solution = OrToolsSolver.Solve(elastic.Program, settings);
        if (!solution.HasValues)
        {
            return [new InfeasibilityFinding(ConstraintFamily.Structure,
                $"no relaxation of the constraint families could be solved ({solution.Message ?? solution.Status.ToString().ToLowerInvariant()}); the model structure itself is inconsistent", 0, model.Steps - 1, double.NaN, "")];
        }

        return elastic.Violations(solution.Values, Tolerance)
            .Select(run => new InfeasibilityFinding(run.Subject.Family, Describe(run) + Cause(model, run, solution.Values), run.FirstStep, run.LastStep, run.MaxAmount, run.Subject.Unit))
            .ToList();
    }

    private static string Describe(ViolationRun run)
    {
        var phrase = run.Side == ViolationSide.Below ? run.Subject.Below : run.Subject.Above;
        var uniform = run.MaxAmount - run.MinAmount <= Math.Max(1e-6, 1e-6 * run.MaxAmount);
        var amount = $"{(uniform ? "" : "up to ")}{Number(run.MaxAmount)} {run.Subject.Unit}".TrimEnd();
        var steps = run.FirstStep == run.LastStep ? $"at step {run.FirstStep}" : $"at steps {run.FirstStep}–{run.LastStep}";
        return $"{phrase} {amount} {steps}";
    }

    /// <summary>For an energy balance, whether the supplies of that energy type were pinned at a bound: the usual cause.</summary>
    private static string Cause(SubsystemModel model, ViolationRun run, IReadOnlyList<double> values)
    {
        if (run.Subject.Family != ConstraintFamily.EnergyBalance) return "";
        var q = run.Subject.Name[..^"BalanceKw".Length];
        var subsystem = model.Subsystem;
        var producers = new List<(Conversion Conversion, int[] Variables)>();
        for (var s = 0; s < subsystem.Supplies.Count; s++)
        {
            for (var c = 0; c < subsystem.Supplies[s].Conversions.Count; c++)
            {
                if (subsystem.Supplies[s].Conversions[c].EnergyType == q) producers.Add((subsystem.Supplies[s].Conversions[c], model.DrawKw[s][c]));
            }
        }

        if (producers.Count == 0) return $": no supply produces {q}";
        var steps = Enumerable.Range(run.FirstStep, run.LastStep - run.FirstStep + 1).ToList();
        if (run.Side == ViolationSide.Below)
        {
            if (steps.All(i => producers.All(p => values[p.Variables[i]] >= p.Conversion.Max[i] - Tolerance)))
                return ": supplies at their maximum";
            var limited = subsystem.Resources.Where(r => producers.Any(p => p.Conversion.Resource == r.Key)
                && steps.All(i => producers.Where(p => p.Conversion.Resource == r.Key).Sum(p => values[p.Variables[i]]) >= r.Value.Max[i] - Tolerance)).Select(r => r.Key).ToList();
            if (limited.Count > 0) return $": {string.Join(" and ", limited)} draw held at Pmax (eq. 5)";
        }
        else if (steps.All(i => producers.All(p => values[p.Variables[i]] <= p.Conversion.Min[i] + Tolerance)))
        {
            return ": supplies at their minimum";
        }

        return "";
    }

    private static string Number(double value) => Math.Round(value, value >= 100 ? 1 : 3).ToString("0.###", CultureInfo.InvariantCulture);
}
