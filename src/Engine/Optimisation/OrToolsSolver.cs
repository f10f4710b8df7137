using System.Diagnostics;
using Google.OrTools.LinearSolver;

namespace Sems.Engine.Optimisation;

/// <summary>
/// Solves a <see cref="LinearProgram"/> with OR-Tools' linear solver wrapper. No OR-Tools type or exception leaves
/// this class: failures become <see cref="SolveStatus.Error"/> with a message.
/// </summary>
public static class OrToolsSolver
{
    public static LpSolution Solve(LinearProgram program, SolverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(settings);
        var backend = program.HasIntegers ? settings.MipSolver : settings.LpSolver;
        var clock = Stopwatch.StartNew();
        try
        {
            using var solver = Solver.CreateSolver(backend);
            if (solver is null)
                return Failed($"OR-Tools has no solver named \"{backend}\" on this platform", backend, clock.Elapsed);
            if (backend.Equals("GLOP", StringComparison.OrdinalIgnoreCase) && settings.GlopParameters.Length > 0
                && !solver.SetSolverSpecificParametersAsString(settings.GlopParameters))
                return Failed($"GLOP rejected the parameters \"{settings.GlopParameters}\"", backend, clock.Elapsed);

            var variables = new Variable[program.VariableCount];
            for (var j = 0; j < variables.Length; j++)
                variables[j] = solver.MakeVar(program.Lower(j), program.Upper(j), program.IsInteger(j), "");

            for (var r = 0; r < program.RowCount; r++)
            {
                var constraint = solver.MakeConstraint(program.RowLower(r), program.RowUpper(r), "");
                var columns = program.RowColumns(r);
                var values = program.RowValues(r);
                for (var k = 0; k < columns.Length; k++) constraint.SetCoefficient(variables[columns[k]], values[k]);
            }

            var objective = solver.Objective();
            for (var j = 0; j < variables.Length; j++)
            {
                var coefficient = program.ObjectiveCoefficient(j);
                if (coefficient != 0) objective.SetCoefficient(variables[j], coefficient);
            }

            objective.SetOffset(program.ObjectiveOffset);
            objective.SetMinimization();
            solver.SetTimeLimit((long)Math.Max(1, settings.TimeLimit.TotalMilliseconds));

            using var parameters = new MPSolverParameters();
            if (program.HasIntegers) parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, settings.RelativeGap);
            var result = solver.Solve(parameters);

            if (NoSolution(result, backend, settings, clock.Elapsed) is { } none) return none;
            var status = StatusOf(result);

            var solution = new double[variables.Length];
            for (var j = 0; j < variables.Length; j++) solution[j] = variables[j].SolutionValue();
            var value = objective.Value();
            var bound = program.HasIntegers ? objective.BestBound() : value;
            var gap = program.HasIntegers ? Math.Abs(value - bound) / Math.Max(Math.Abs(value), 1e-9) : 0.0;
            return new LpSolution(status, value, bound, gap, solution, backend, clock.Elapsed);
        }
        catch (Exception e) when (e is ApplicationException or InvalidOperationException or ArgumentException or NullReferenceException or AccessViolationException or System.Runtime.InteropServices.SEHException)
        {
            return Failed($"{backend} failed: {e.Message}", backend, clock.Elapsed);
        }
    }

    private static LpSolution Failed(string message, string backend, TimeSpan elapsed) =>
        new(SolveStatus.Error, double.NaN, double.NaN, double.NaN, [], backend, elapsed, message);

    /// <summary>The engine's status of an OR-Tools result.</summary>
    internal static SolveStatus StatusOf(Solver.ResultStatus result) => result switch
    {
        Solver.ResultStatus.OPTIMAL => SolveStatus.Optimal,
        Solver.ResultStatus.FEASIBLE => SolveStatus.Feasible,
        Solver.ResultStatus.INFEASIBLE => SolveStatus.Infeasible,
        Solver.ResultStatus.UNBOUNDED => SolveStatus.Unbounded,
        _ => SolveStatus.Error,
    };

    /// <summary>The solution of a result without one (infeasible, unbounded, stopped), saying why; null when there is a solution.</summary>
    internal static LpSolution? NoSolution(Solver.ResultStatus result, string backend, SolverSettings settings, TimeSpan elapsed)
    {
        var status = StatusOf(result);
        if (status is SolveStatus.Optimal or SolveStatus.Feasible) return null;
        var message = status == SolveStatus.Error ? $"{backend} stopped with {result} (no solution within {settings.TimeLimit.TotalSeconds:0.###} s, or the model is numerically troubled)" : null;
        return new LpSolution(status, double.NaN, double.NaN, double.NaN, [], backend, elapsed, message);
    }
}
