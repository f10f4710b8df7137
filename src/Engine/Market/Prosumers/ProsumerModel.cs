using Sems.Engine.Optimisation;

namespace Sems.Engine.Market;

/// <summary>
/// One prosumer's least-cost scheduling problem as a <see cref="LinearProgram"/>, with the index of every variable so a
/// solution can be read back. Built by <see cref="ProsumerModelBuilder"/>; arrays of an absent asset are empty.
/// </summary>
public sealed class ProsumerModel
{
    internal ProsumerModel(Prosumer prosumer, ProsumerRequest request, double stepHours, int steps, bool integer, bool shortfall)
    {
        Prosumer = prosumer;
        Request = request;
        StepHours = stepHours;
        Steps = steps;
        Integer = integer;
        Shortfall = shortfall;
        ImportKw = new int[steps];
        ExportKw = new int[steps];
        PvUsedKw = new int[steps];
        ImportLimitKw = new double[steps];
        ExportLimitKw = new double[steps];
        var battery = prosumer.Battery is not null;
        ChargeKw = battery ? new int[steps] : [];
        DischargeKw = battery ? new int[steps] : [];
        Charging = battery ? new int[steps] : [];
        SocKwh = battery ? new int[steps + 1] : [];
        ShortKw = shortfall ? new int[steps] : [];
        StartBinary = new int[prosumer.FlexibleLoads.Count][];
    }

    /// <summary>The linear program: minimise Σ Δt·(buy·import − sell·export) + Σ delay cost (or, with <see cref="Shortfall"/>, Σ kW short).</summary>
    public LinearProgram Program { get; } = new();

    public Prosumer Prosumer { get; }

    public ProsumerRequest Request { get; }

    /// <summary>Δt, hours.</summary>
    public double StepHours { get; }

    /// <summary>N, the number of steps of the request.</summary>
    public int Steps { get; }

    /// <summary>Whether the binaries are integer (the MILP) rather than in [0, 1] (its LP relaxation).</summary>
    public bool Integer { get; }

    /// <summary>Whether this is the diagnostic model: a kW-short slack per step in the balance, and the objective its sum.</summary>
    public bool Shortfall { get; }

    /// <summary><c>importKw[t]</c>: power drawn from the grid at the meter.</summary>
    public int[] ImportKw { get; }

    /// <summary><c>exportKw[t]</c>: power fed into the grid at the meter.</summary>
    public int[] ExportKw { get; }

    /// <summary><c>pvUsedKw[t]</c> ≤ PV available (the rest is curtailed).</summary>
    public int[] PvUsedKw { get; }

    /// <summary><c>battery.chargeKw[t]</c>.</summary>
    public int[] ChargeKw { get; }

    /// <summary><c>battery.dischargeKw[t]</c>.</summary>
    public int[] DischargeKw { get; }

    /// <summary><c>battery.charging[t]</c> ∈ {0, 1}: 1 allows charging, 0 allows discharging.</summary>
    public int[] Charging { get; }

    /// <summary><c>battery.socKwh[t]</c>, t = 0…N (SoC[0] fixed at the initial state of charge).</summary>
    public int[] SocKwh { get; }

    /// <summary><c>{load}.start[s]</c> per flexible load, for s = its earliest start + k (k = 0…): 1 when it starts at step s.</summary>
    public int[][] StartBinary { get; }

    /// <summary><c>shortKw[t]</c> of the diagnostic model: demand the balance could not meet.</summary>
    public int[] ShortKw { get; }

    /// <summary>The import limit per step after the request's cap, kW.</summary>
    public double[] ImportLimitKw { get; }

    /// <summary>The export limit per step after the request's cap, kW.</summary>
    public double[] ExportLimitKw { get; }

    /// <summary>The last step a flexible load may start at: its latest end step − run length + 1.</summary>
    public static int LatestStartStep(FlexibleLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return load.LatestEndStep - load.ProfileKw.Count + 1;
    }
}
