using Sems.Engine.Optimisation;

namespace Sems.Engine.Tests.Flexibility;

/// <summary>The warm LP session on a program small enough to solve by hand, including the sign of its duals.</summary>
public sealed class LpSessionTests
{
    [Fact]
    public void Duals_are_derivatives_of_the_objective_and_re_solves_follow_changed_bounds()
    {
        // min x + 2y s.t. x + y ≥ 3, x ≤ 2 (as a row), x, y ≥ 0: x = 2, y = 1, objective 4. One more unit of demand
        // (x + y ≥ 4) costs 2 (y): dual +2 for the binding ≥ row. One more unit of x's room (x ≤ 3) saves 1: dual −1.
        var program = new LinearProgram();
        var subject = Subject.Structural("t");
        var x = program.AddVariable(subject, 0, 0, double.PositiveInfinity);
        var y = program.AddVariable(subject, 0, 0, double.PositiveInfinity);
        program.AddObjective(x, 1);
        program.AddObjective(y, 2);
        var demand = program.AddRow(subject, 0, 3, double.PositiveInfinity, [(x, 1.0), (y, 1.0)]);
        var room = program.AddRow(subject, 0, double.NegativeInfinity, 2, [(x, 1.0)]);

        using var session = LpSession.Open(program, SolverSettings.Default);
        var first = session.Solve();
        Assert.Equal(SolveStatus.Optimal, first.Status);
        Assert.Equal(4, first.Objective, 9);
        Assert.Equal([2.0, 1.0], first.Values.Select(v => Math.Round(v, 9)));
        Assert.Equal(2, first.RowDuals[demand], 9);
        Assert.Equal(-1, first.RowDuals[room], 9);

        // x ≤ 3.5 now covers the demand alone: objective 3, the room row no longer binds.
        session.SetRowBounds(room, double.NegativeInfinity, 3.5);
        var second = session.Solve(readSolution: false);
        Assert.Equal(3, second.Objective, 9);
        Assert.Equal(3, session.Value(x), 9);
        Assert.Equal(1, session.RowDual(demand), 9);
        Assert.Equal(0, session.RowDual(room), 9);

        // x + y ≥ 10 with y ≤ 1 and x ≤ 3.5: infeasible, and no value may be read from it.
        session.SetVariableBounds(y, 0, 1);
        session.SetRowBounds(demand, 10, double.PositiveInfinity);
        Assert.Equal(SolveStatus.Infeasible, session.Solve().Status);
        Assert.Throws<InvalidOperationException>(() => session.Value(x));
        Assert.Equal(3, session.SolveCount);
    }

    [Fact]
    public void A_program_with_integers_is_refused()
    {
        var program = new LinearProgram();
        program.AddVariable(Subject.Structural("on"), 0, 0, 1, integer: true);
        var e = Assert.Throws<ArgumentException>(() => LpSession.Open(program, SolverSettings.Default));
        Assert.StartsWith("program: has integer variables", e.Message, StringComparison.Ordinal);
    }
}
