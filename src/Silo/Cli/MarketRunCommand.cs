using System.CommandLine;
using Sems.Contracts.Market;
using Sems.Engine.Market;
using Sems.Grains;
using Sems.Grains.Market;
using Sems.Silo.Hosting;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems market run FILE</c>: the community's market once, in an embedded silo: its coordinator grain configures a
/// prosumer grain per member, iterates prices with them until the community's cost settles, applies the grid nodes'
/// limits and settles; prints the trace, the prices and trades per step, the bills with and without the market, the
/// nodes against their limits and the stop reason (or all of it as JSON).
/// </summary>
internal static class MarketRunCommand
{
    /// <summary>Exit code when the price loop did not converge.</summary>
    public const int NotConverged = 4;

    public const string Notes = """
        Exit code: 0 converged, every prosumer settled and every grid node within its limits; 1 converged but a prosumer
        was left out (no schedule) or a node's limit does not hold after the DSO step; 4 the price loop did not converge
        (the reason on stderr; the results of the last iteration are still printed); 2 invalid file or usage (every
        problem of the file on stderr); 3 the file cannot be read.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "The community file (JSON, docs/market-format.md)." };
        var json = new Option<bool>("--json") { Description = "Print only the run's JSON object on stdout (docs/market-output.md)." };
        var mechanism = new Option<string?>("--mechanism") { Description = "Override the file's market.mechanism: sdr (supply–demand-ratio prices) or auction (pay-as-clear double auction).", HelpName = "sdr|auction" };
        mechanism.AcceptOnlyFromAmong("sdr", "auction");
        var maxIterations = Nullable<int>("--max-iterations", "Override the file's market.maxIterations, a whole number from 1 to 1000.", "N",
            text => OptionValue.WholeNumber("--max-iterations", text, 1, CommunityReader.MaxIterations, "a whole number from 1 to 1000", out var problem) is { } n ? (n, null) : (null, problem));
        var damping = Nullable<double>("--damping", "Override the file's market.damping: the weight of new prices, above 0 and at most 1 (1 = no damping).", "D",
            text => OptionValue.Number("--damping", text, 0, false, 1, true, "above 0 and at most 1", out var problem) is { } d ? (d, null) : (null, problem));
        var threshold = Nullable<double>("--threshold", "Override the file's market.threshold: converged when the community's cost changes by less, in its currency, above 0.", "X",
            text => OptionValue.Number("--threshold", text, 0, false, 1e9, true, "above 0 and at most 1e9", out var problem) is { } x ? (x, null) : (null, problem));
        var priceTolerance = Nullable<double>("--price-tolerance", "Override the file's market.priceTolerance: converged only when no price moved by as much, in its currency per kWh, above 0.", "P",
            text => OptionValue.Number("--price-tolerance", text, 0, false, 1e4, true, "above 0 and at most 1e4", out var problem) is { } x ? (x, null) : (null, problem));
        var command = new Command("run",
            "Runs the community's local energy market once in an embedded silo (no broker): prosumer grains answer the coordinator's prices until the community's cost settles; prints the trace, prices and trades per step, bills with and without the market, and the grid nodes against their limits.")
        {
            file, json, mechanism, maxIterations, damping, threshold, priceTolerance,
        };
        command.SetAction(result => Run(result.GetRequiredValue(file), result.GetValue(json),
            new Overrides(result.GetValue(mechanism), result.GetValue(maxIterations), result.GetValue(damping), result.GetValue(threshold), result.GetValue(priceTolerance)), stdout, stderr));
        return command;
    }

    /// <summary>Options that replace the file's market settings; null keeps the file's.</summary>
    private sealed record Overrides(string? Mechanism, int? MaxIterations, double? Damping, double? Threshold, double? PriceTolerance)
    {
        public MarketSettings Apply(MarketSettings settings) => settings with
        {
            Mechanism = Mechanism is { } m ? MarketMapper.Mechanism(m)!.Value : settings.Mechanism,
            MaxIterations = MaxIterations ?? settings.MaxIterations,
            Damping = Damping ?? settings.Damping,
            ThresholdCurrency = Threshold ?? settings.ThresholdCurrency,
            PriceTolerancePerKwh = PriceTolerance ?? settings.PriceTolerancePerKwh,
        };
    }

    private static int Run(string file, bool json, Overrides overrides, TextWriter stdout, TextWriter stderr)
    {
        if (CommunityLoader.Load(file, stderr, out var loadExit) is not { } community) return loadExit;
        community = community with { Market = overrides.Apply(community.Market) };

        var outcome = RunOnce(community, stderr).GetAwaiter().GetResult();
        if (outcome is null) return SemsCli.InvalidInput;
        if (json) stdout.WriteLine(MarketRunJson.Serialize(outcome));
        else Write(stdout, outcome);
        return ExitCode(outcome, stderr);
    }

    /// <summary>0, 1 or <see cref="NotConverged"/> as the command's notes say; the reason on stderr when not 0.</summary>
    internal static int ExitCode(MarketOutcomeMessage outcome, TextWriter stderr)
    {
        if (!outcome.Converged)
        {
            stderr.WriteLine($"sems: the market {outcome.StopReason}");
            return NotConverged;
        }

        var code = 0;
        if (outcome.Missing.Length > 0)
        {
            stderr.WriteLine($"sems: {outcome.Missing.Length} prosumer{(outcome.Missing.Length == 1 ? " was" : "s were")} left out of the market: "
                + string.Join("; ", outcome.Missing.Select(m => $"{m.ProsumerId}: {m.Problem}")));
            code = 1;
        }

        if (!outcome.Grid.Holds)
        {
            stderr.WriteLine($"sems: a grid node's limit does not hold after the DSO step: {outcome.Grid.Summary}");
            code = 1;
        }

        return code;
    }

    /// <summary>The run through the grains; null after printing the coordinator's problems with the community.</summary>
    internal static async Task<MarketOutcomeMessage?> RunOnce(Community community, TextWriter stderr)
    {
        await using var silo = await EmbeddedSilo.StartAsync(clock: new FrozenTimeProvider(community.Start ?? DateTimeOffset.UtcNow));
        var coordinator = silo.Grains.GetGrain<IMarketCoordinatorGrain>(community.Name);
        var problems = await coordinator.Configure(MarketMapper.ToWire(community));
        if (problems.Length > 0)
        {
            stderr.WriteLine($"sems: the market coordinator refused community \"{community.Name}\":");
            foreach (var problem in problems.Take(ProblemList.MaxShown)) stderr.WriteLine($"  {problem}");
            return null;
        }

        return await coordinator.Run();
    }

    private static void Write(TextWriter o, MarketOutcomeMessage outcome)
    {
        o.WriteLine(MarketRunTables.Heading(outcome));
        foreach (var table in MarketRunTables.All(outcome)) TextTable.Write(o, table);
    }

    /// <summary>An option whose value is parsed into <typeparamref name="T"/>, null when not given; a bad value is a parse error naming the option.</summary>
    private static Option<T?> Nullable<T>(string name, string description, string helpName, Func<string, (T? Value, string? Problem)> parse) where T : struct
    {
        var option = new Option<T?>(name) { Description = description, HelpName = helpName };
        option.CustomParser = result =>
        {
            var (value, problem) = parse(CliOptions.Single(result));
            if (problem is not null) result.AddError(problem);
            return value;
        };
        return option;
    }
}
