namespace Sems.Engine.Optimisation;

/// <summary>
/// The elastic version of a <see cref="LinearProgram"/>: every row and every variable bound of an elastic family gets
/// a non-negative slack per violated side, and the objective becomes the total violation. Structural rows (definitions,
/// dynamics) stay hard. Solving it finds the smallest violation that makes an infeasible problem feasible, and where.
/// </summary>
public sealed class ElasticProgram
{
    private readonly List<ElasticSlack> _slacks = [];

    private ElasticProgram(LinearProgram program) => Program = program;

    /// <summary>The relaxed program; variable indices of the original keep their meaning.</summary>
    public LinearProgram Program { get; }

    public IReadOnlyList<ElasticSlack> Slacks => _slacks;

    public static ElasticProgram From(LinearProgram original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var relaxed = new LinearProgram();
        var elastic = new ElasticProgram(relaxed);
        var boundRows = new List<(int Variable, double Lower, double Upper)>();
        for (var j = 0; j < original.VariableCount; j++)
        {
            var subject = original.VariableSubject(j);
            var relax = subject.Family != ConstraintFamily.Structure && !original.IsInteger(j);
            relaxed.AddVariable(subject, original.VariableStep(j), relax ? double.NegativeInfinity : original.Lower(j), relax ? double.PositiveInfinity : original.Upper(j), original.IsInteger(j));
            if (relax) boundRows.Add((j, original.Lower(j), original.Upper(j)));
        }

        foreach (var (j, lower, upper) in boundRows)
        {
            var subject = original.VariableSubject(j);
            var step = original.VariableStep(j);
            if (double.IsFinite(lower)) elastic.AddRelaxedRow(subject, step, lower, double.PositiveInfinity, [(j, 1.0)]);
            if (double.IsFinite(upper)) elastic.AddRelaxedRow(subject, step, double.NegativeInfinity, upper, [(j, 1.0)]);
        }

        for (var r = 0; r < original.RowCount; r++)
        {
            var terms = original.Row(r).ToArray();
            var subject = original.RowSubject(r);
            if (subject.Family == ConstraintFamily.Structure) relaxed.AddRow(subject, original.RowStep(r), original.RowLower(r), original.RowUpper(r), terms);
            else elastic.AddRelaxedRow(subject, original.RowStep(r), original.RowLower(r), original.RowUpper(r), terms);
        }

        return elastic;
    }

    /// <summary>
    /// Price of one unit of violation. Limits that somebody set on a draw (eq. 5, including limits tightened by the
    /// coordinator) are slightly cheaper to break than physics, so a tie is explained by the limit, its usual cause.
    /// </summary>
    private static double Penalty(ConstraintFamily family) => family == ConstraintFamily.ResourceLimits ? 0.9 : 1.0;

    private void AddRelaxedRow(Subject subject, int step, double lower, double upper, ReadOnlySpan<(int Variable, double Coefficient)> terms)
    {
        var all = new List<(int, double)>(terms.ToArray());
        var slackSubject = Subject.Structural($"violation[{subject.Name}]");
        if (double.IsFinite(lower))
        {
            var below = Program.AddVariable(slackSubject, step, 0, double.PositiveInfinity);
            Program.AddObjective(below, Penalty(subject.Family));
            all.Add((below, 1.0));
            _slacks.Add(new ElasticSlack(below, subject, step, ViolationSide.Below));
        }

        if (double.IsFinite(upper))
        {
            var above = Program.AddVariable(slackSubject, step, 0, double.PositiveInfinity);
            Program.AddObjective(above, Penalty(subject.Family));
            all.Add((above, -1.0));
            _slacks.Add(new ElasticSlack(above, subject, step, ViolationSide.Above));
        }

        Program.AddRow(subject, step, lower, upper, all.ToArray());
    }

    /// <summary>The violations in a solution of the relaxed program, grouped into runs of consecutive steps.</summary>
    public IReadOnlyList<ViolationRun> Violations(IReadOnlyList<double> values, double tolerance = 1e-6)
    {
        var runs = new List<ViolationRun>();
        foreach (var group in _slacks.Where(s => values[s.Variable] > tolerance).GroupBy(s => (s.Subject, s.Side)))
        {
            ViolationRun? current = null;
            foreach (var slack in group.OrderBy(s => s.Step))
            {
                var amount = values[slack.Variable];
                if (current is not null && slack.Step == current.LastStep + 1)
                {
                    current = current with { LastStep = slack.Step, MaxAmount = Math.Max(current.MaxAmount, amount), MinAmount = Math.Min(current.MinAmount, amount), Total = current.Total + amount };
                    continue;
                }

                if (current is not null) runs.Add(current);
                current = new ViolationRun(group.Key.Subject, group.Key.Side, slack.Step, slack.Step, amount, amount, amount);
            }

            if (current is not null) runs.Add(current);
        }

        return runs.OrderBy(r => r.Subject.Family).ThenBy(r => r.FirstStep).ToList();
    }
}
