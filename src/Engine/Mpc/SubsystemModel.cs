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
        States = subsystem.Demands.Select(d => d is StateSpaceDemand m ? Enumerable.Range(0, m.StateCount).Select(_ => new int[n]).ToArray() : null).ToArray();
    }

    public District District { get; }

    public Subsystem Subsystem { get; }

    public LinearProgram Program { get; }

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

    /// <summary>SoC for i = 0…N, kWh.</summary>
    internal int[][] SocKwh { get; }

    /// <summary>x of each state-space demand: [demand][state][step], null for series demands.</summary>
    internal int[][]?[] States { get; }
}
