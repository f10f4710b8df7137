using Sems.Engine.Model;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Mpc;

/// <summary>
/// The built MPC problem of one subsystem: the <see cref="LinearProgram"/> and where each physical quantity lives in it.
/// Index arrays are [element][step] (and [element][conversion][step] for supplies).
/// </summary>
public sealed class SubsystemModel
{
    internal SubsystemModel(District district, Subsystem subsystem, LinearProgram program, SquaredSlackApproximation slack)
    {
        District = district;
        Subsystem = subsystem;
        Program = program;
        SlackApproximation = slack;
        var n = district.HorizonSteps;
        DrawKw = subsystem.Supplies.Select(s => s.Conversions.Select(_ => new int[n]).ToArray()).ToArray();
        OnBinary = subsystem.Supplies.Select(s => s.Commitment is null ? null : new int[n]).ToArray();
        StartBinary = subsystem.Supplies.Select(s => s.Commitment is null ? null : new int[n]).ToArray();
        ChargeKw = subsystem.Stores.Select(_ => new int[n]).ToArray();
        DischargeKw = subsystem.Stores.Select(_ => new int[n]).ToArray();
        SocKwh = subsystem.Stores.Select(_ => new int[n + 1]).ToArray();
        ExportKw = subsystem.Exports.Select(_ => new int[n]).ToArray();
        States = subsystem.Demands.Select(d => d is StateSpaceDemand m ? Enumerable.Range(0, m.StateCount).Select(_ => new int[n + 1]).ToArray() : null).ToArray();
        InputKw = subsystem.Demands.Select(d => d is StateSpaceDemand m
            ? m.B.Keys.ToDictionary(q => q, _ => new int[n], StringComparer.Ordinal)
            : null).ToArray();
        OutputSlack = subsystem.Demands.Select(d => d is StateSpaceDemand m ? new SquaredSlackApproximation[m.OutputCount] : null).ToArray();
    }

    /// <summary>What the builder found doubtful about the subsystem, in words (the model is still built).</summary>
    public IReadOnlyList<string> Warnings => WarningList;

    internal List<string> WarningList { get; } = [];

    /// <summary>The ε² model of each output of each state-space demand: [demand][output], null for series demands.</summary>
    public IReadOnlyList<IReadOnlyList<SquaredSlackApproximation>?> OutputSlackApproximations => OutputSlack;

    internal SquaredSlackApproximation[]?[] OutputSlack { get; }

    /// <summary>u_in of each state-space demand per energy type of its B, kW (eq. 12 per demand): [demand][q][step].</summary>
    internal Dictionary<string, int[]>?[] InputKw { get; }

    public District District { get; }

    public Subsystem Subsystem { get; }

    public LinearProgram Program { get; }

    /// <summary>The ε² model on [0, R] alone (without the tail each output's model extends to).</summary>
    public SquaredSlackApproximation SlackApproximation { get; }

    public int Steps => District.HorizonSteps;

    /// <summary>v^sup: resource drawn by each conversion, kW (eq. 1).</summary>
    internal int[][][] DrawKw { get; }

    /// <summary>On/off binary per supply with commitment, else null.</summary>
    internal int[]?[] OnBinary { get; }

    internal int[]?[] StartBinary { get; }

    /// <summary>v^sto, kW.</summary>
    internal int[][] ChargeKw { get; }

    /// <summary>u^sto, kW.</summary>
    internal int[][] DischargeKw { get; }

    /// <summary>e: power each export feeds back into its resource's grid, kW: [export][step].</summary>
    internal int[][] ExportKw { get; }

    /// <summary>SoC for i = 0…N, kWh.</summary>
    internal int[][] SocKwh { get; }

    /// <summary>x of each state-space demand for i = 0…N: [demand][state][step], null for series demands.</summary>
    internal int[][]?[] States { get; }
}
