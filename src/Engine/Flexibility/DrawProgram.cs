using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Flexibility;

/// <summary>
/// A subsystem's MPC problem as a continuous LP for sensitivity analysis of its draw of one resource: the built model
/// with its integer decisions (on/off, start/stop, an exclusive store's direction) fixed at the plan's values, plus one
/// free row per step, drawKw[i] = Σ v^sup[p][i] (eq. 25), and one free row for the energy drawn, Σ_i Δt·drawKw[i] (kWh).
/// Bounds put on those rows move or cap the draw without touching the model's own rows (eq. 5 stays as built).
/// </summary>
internal sealed class DrawProgram
{
    private DrawProgram(LinearProgram program, int[] drawRows, int energyRow, int[][] drawVariables, double[] objective)
    {
        Program = program;
        DrawRows = drawRows;
        EnergyRow = energyRow;
        DrawVariables = drawVariables;
        Objective = objective;
    }

    public LinearProgram Program { get; }

    /// <summary>Row of drawKw[i] per step.</summary>
    public int[] DrawRows { get; }

    /// <summary>Row of the energy drawn over the horizon, kWh.</summary>
    public int EnergyRow { get; }

    /// <summary>The conversions' draw variables v^sup[p][i] of the resource per step.</summary>
    public int[][] DrawVariables { get; }

    /// <summary>The model's objective coefficients, to restore after an objective of the analysis.</summary>
    public double[] Objective { get; }

    /// <summary>Whether the model had integer variables that were fixed at the plan's values.</summary>
    public bool FixedIntegers { get; private init; }

    public static DrawProgram From(SubsystemModel model, string resource, SubsystemResult plan)
    {
        var source = model.Program;
        var fixedValues = source.HasIntegers ? PlannedIntegers(model, plan) : null;
        var program = new LinearProgram { ObjectiveOffset = source.ObjectiveOffset };
        var objective = new double[source.VariableCount];
        for (var j = 0; j < source.VariableCount; j++)
        {
            var (lower, upper) = source.IsInteger(j) ? (fixedValues![j], fixedValues[j]) : (source.Lower(j), source.Upper(j));
            program.AddVariable(source.VariableSubject(j), source.VariableStep(j), lower, upper);
            objective[j] = source.ObjectiveCoefficient(j);
            if (objective[j] != 0) program.AddObjective(j, objective[j]);
        }

        var terms = new List<(int, double)>();
        for (var r = 0; r < source.RowCount; r++)
        {
            terms.Clear();
            terms.AddRange(source.Row(r));
            program.AddRow(source.RowSubject(r), source.RowStep(r), source.RowLower(r), source.RowUpper(r), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(terms));
        }

        var n = model.Steps;
        var draws = new int[n][];
        for (var i = 0; i < n; i++)
        {
            var step = new List<int>();
            for (var s = 0; s < model.Subsystem.Supplies.Count; s++)
            {
                var conversions = model.Subsystem.Supplies[s].Conversions;
                for (var c = 0; c < conversions.Count; c++)
                {
                    if (conversions[c].Resource == resource) step.Add(model.DrawKw[s][c][i]);
                }
            }

            draws[i] = step.ToArray();
        }

        var drawSubject = Subject.Structural($"flexibility.{resource}DrawKw");
        var rows = new int[n];
        for (var i = 0; i < n; i++)
            rows[i] = program.AddRow(drawSubject, i, double.NegativeInfinity, double.PositiveInfinity, draws[i].Select(v => (v, 1.0)).ToArray());

        var energy = program.AddRow(Subject.Structural($"flexibility.{resource}EnergyKwh"), n, double.NegativeInfinity, double.PositiveInfinity,
            draws.SelectMany(step => step.Select(v => (v, model.District.StepHours))).ToArray());
        return new DrawProgram(program, rows, energy, draws, objective) { FixedIntegers = fixedValues is not null };
    }

    /// <summary>
    /// The plan's value of every integer variable of the model: on/off from the plan's schedule, start and stop from its
    /// switches (the state before step 0 from the commitment), an exclusive store's charging (discharging) binary 1
    /// where the plan charges (discharges) it and 0 where it idles, so the store keeps its planned direction.
    /// </summary>
    private static double[] PlannedIntegers(SubsystemModel model, SubsystemResult plan)
    {
        var known = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var subsystem = model.Subsystem;
        var n = model.Steps;
        for (var s = 0; s < subsystem.Supplies.Count; s++)
        {
            var supply = subsystem.Supplies[s];
            if (supply.Commitment is not { } uc) continue;
            var on = plan.Supplies.FirstOrDefault(x => x.Id == supply.Id)?.On
                ?? throw new ArgumentException($"plan: supply {supply.Id} has unit commitment but the plan has no on/off schedule for it", nameof(plan));
            var (onValues, starts, stops) = (new double[n], new double[n], new double[n]);
            for (var i = 0; i < n; i++)
            {
                var previous = i == 0 ? uc.InitiallyOn : on[i - 1];
                onValues[i] = on[i] ? 1 : 0;
                starts[i] = on[i] && !previous ? 1 : 0;
                stops[i] = !on[i] && previous ? 1 : 0;
            }

            known[$"{supply.Id}.on"] = onValues;
            known[$"{supply.Id}.start"] = starts;
            known[$"{supply.Id}.stop"] = stops;
        }

        foreach (var store in subsystem.Stores.Where(x => x.Exclusive))
        {
            var trajectory = plan.Stores.FirstOrDefault(x => x.Id == store.Id)
                ?? throw new ArgumentException($"plan: has no trajectory for store {store.Id}", nameof(plan));
            known[$"{store.Id}.charging"] = trajectory.ChargeKw.Select(v => v > Zero ? 1.0 : 0.0).ToArray();
            known[$"{store.Id}.discharging"] = trajectory.DischargeKw.Select(v => v > Zero ? 1.0 : 0.0).ToArray();
        }

        var program = model.Program;
        var values = new double[program.VariableCount];
        for (var j = 0; j < values.Length; j++)
        {
            if (!program.IsInteger(j)) continue;
            if (!known.TryGetValue(program.VariableSubject(j).Name, out var series))
                throw new InvalidOperationException($"no planned value for the integer variable {program.VariableName(j)}");
            values[j] = series[program.VariableStep(j)];
        }

        return values;
    }

    /// <summary>Flows below this (kW) count as none when reading an exclusive store's direction from the plan.</summary>
    private const double Zero = 1e-9;
}
