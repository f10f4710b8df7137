using Sems.Engine.Optimisation;

namespace Sems.Engine.Market;

/// <summary>
/// A small depth-first branch and bound over the LP relaxation of a <see cref="ProsumerModel"/>, each node a warm
/// re-solve of one <see cref="LpSession"/> after a few upper bounds are set to 0. It branches on what the relaxation
/// gets wrong: a step that charges and discharges at once (one child may only charge, the other only discharge) or a
/// flexible load split over several starts (one child starts at or before a step, the other after it). Every child's
/// feasible set is a subset of its parent's, and together they keep every integral-feasible point, so a subtree whose
/// relaxation is no better than the incumbent holds nothing better and is pruned; with every node explored the
/// incumbent is the MILP's optimum (within <see cref="Gap"/>). A tree larger than the node limit, or a relaxation not
/// solved to optimality, is given up (the caller then asks SCIP).
/// </summary>
internal sealed class ProsumerBranchAndBound
{
    /// <summary>Relative and absolute tolerance of a prune: a node must promise at least this much better than the incumbent.</summary>
    private const double Gap = 1e-9;

    private const double Zero = 1e-9;

    private readonly ProsumerModel _model;
    private readonly LpSession _session;
    private readonly bool[] _zeroed;
    private readonly List<int> _current = [];
    private readonly bool[] _wanted;

    private ProsumerBranchAndBound(ProsumerModel model, LpSession session)
    {
        _model = model;
        _session = session;
        _zeroed = new bool[model.Program.VariableCount];
        _wanted = new bool[model.Program.VariableCount];
    }

    /// <summary>A node: the upper bounds its branch sets to 0 on top of its parent's, and the parent's relaxation objective (a bound on the node's).</summary>
    private sealed record Node(Node? Parent, int[] Zeroed, double ParentObjective);

    /// <summary>
    /// Explores the tree below the fractional <paramref name="root"/> (a solution of the same session). Returns the
    /// optimal integral-feasible solution and the nodes solved, or null when the tree is infeasible or exceeds
    /// <paramref name="nodeLimit"/> (<paramref name="completed"/> tells which).
    /// </summary>
    public static LpSolution? Run(ProsumerModel model, LpSession session, LpSolution root, int nodeLimit, out int nodes, out bool completed)
    {
        var search = new ProsumerBranchAndBound(model, session);
        try
        {
            return search.Explore(root, nodeLimit, out nodes, out completed);
        }
        finally
        {
            search.Restore();
        }
    }

    private LpSolution? Explore(LpSolution root, int nodeLimit, out int nodes, out bool completed)
    {
        LpSolution? incumbent = null;
        var stack = new Stack<Node>();
        Push(stack, null, root);
        nodes = 0;
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (incumbent is not null && !Promising(node.ParentObjective, incumbent.Objective)) continue;
            if (++nodes > nodeLimit)
            {
                completed = false;
                return null;
            }

            Apply(node);
            var solution = _session.Solve(readSolution: true, readDuals: false);
            if (solution.Status == SolveStatus.Infeasible) continue;
            if (solution.Status != SolveStatus.Optimal)
            {
                completed = false;
                return null;
            }

            if (incumbent is not null && !Promising(solution.Objective, incumbent.Objective)) continue;
            if (ProsumerSolver.IntegralFeasible(_model, solution.Values))
            {
                incumbent = solution;
                // The root's relaxation bounds every node: an incumbent that reaches it is optimal.
                if (!Promising(root.Objective, incumbent.Objective)) break;
                continue;
            }

            Push(stack, node, solution);
        }

        completed = true;
        return incumbent;
    }

    /// <summary>Whether a relaxation objective leaves room for a better solution than the incumbent's.</summary>
    private static bool Promising(double bound, double incumbent) => bound < incumbent - Gap * Math.Max(1, Math.Abs(incumbent));

    /// <summary>Pushes the two children of a fractional solution, the one closer to it last so that it is explored first.</summary>
    private static void PushChildren(Stack<Node> stack, Node? parent, double objective, (int[] First, int[] Second) children)
    {
        stack.Push(new Node(parent, children.Second, objective));
        stack.Push(new Node(parent, children.First, objective));
    }

    private void Push(Stack<Node> stack, Node? parent, LpSolution solution) => PushChildren(stack, parent, solution.Objective, Branch(solution.Values));

    /// <summary>
    /// The two children of a fractional solution: a flexible load split over starts is cut at the start where half its
    /// weight is reached (starts up to it, or after it); otherwise the first step that both charges and discharges.
    /// The child that keeps the larger share of the relaxation comes first.
    /// </summary>
    private (int[] First, int[] Second) Branch(IReadOnlyList<double> x)
    {
        foreach (var binaries in _model.StartBinary)
        {
            int first = -1, last = -1;
            for (var k = 0; k < binaries.Length; k++)
            {
                if (x[binaries[k]] <= Zero) continue;
                if (first < 0) first = k;
                last = k;
            }

            if (first == last) continue;
            var cumulative = 0.0;
            var cut = first;
            for (var k = first; k < last; k++)
            {
                cumulative += x[binaries[k]];
                cut = k;
                if (cumulative >= 0.5) break;
            }

            // Starts first…cut, or cut+1…last: each child zeroes the other side (of the whole window).
            var late = binaries[(cut + 1)..];
            var early = binaries[..(cut + 1)];
            return cumulative >= 0.5 ? (late, early) : (early, late);
        }

        for (var t = 0; t < _model.ChargeKw.Length; t++)
        {
            var charge = x[_model.ChargeKw[t]];
            var discharge = x[_model.DischargeKw[t]];
            if (charge <= Zero || discharge <= Zero) continue;
            int[] chargeOnly = [_model.DischargeKw[t]], dischargeOnly = [_model.ChargeKw[t]];
            var b = _model.Prosumer.Battery!;
            return charge / Math.Max(b.ChargeMaxKw, Zero) >= discharge / Math.Max(b.DischargeMaxKw, Zero) ? (chargeOnly, dischargeOnly) : (dischargeOnly, chargeOnly);
        }

        throw new InvalidOperationException("a fractional relaxation has nothing to branch on");
    }

    /// <summary>Gives the session the model's own bounds back.</summary>
    private void Restore()
    {
        var program = _model.Program;
        foreach (var j in _current)
        {
            _session.SetVariableBounds(j, program.Lower(j), program.Upper(j));
            _zeroed[j] = false;
        }

        _current.Clear();
    }

    /// <summary>Sets the session's upper bounds to the node's: 0 for every variable its path zeroes, the model's own for the rest.</summary>
    private void Apply(Node node)
    {
        var path = new List<int>();
        for (var n = node; n is not null; n = n.Parent)
        {
            foreach (var j in n.Zeroed)
            {
                if (_wanted[j]) continue;
                _wanted[j] = true;
                path.Add(j);
            }
        }

        var program = _model.Program;
        foreach (var j in _current)
        {
            if (!_wanted[j])
            {
                _session.SetVariableBounds(j, program.Lower(j), program.Upper(j));
                _zeroed[j] = false;
            }
        }

        foreach (var j in path)
        {
            _wanted[j] = false;
            if (_zeroed[j]) continue;
            _session.SetVariableBounds(j, program.Lower(j), 0);
            _zeroed[j] = true;
        }

        _current.Clear();
        _current.AddRange(path);
    }
}
