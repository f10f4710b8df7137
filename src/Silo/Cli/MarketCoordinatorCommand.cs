using System.CommandLine;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Sems.Adapters.Kafka;
using Sems.Engine.Market;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems market coordinator FILE --bootstrap HOST:PORT …</c>: the Energy Market Coordinator as its own process. It runs
/// <see cref="MarketCoordinator"/> over Kafka (<see cref="KafkaMarketRound"/>): every iteration's prices go out on
/// <c>{prefix}.prices.v1</c>, the prosumers' schedules come back on <c>{prefix}.schedules.v1</c>; at the end it publishes
/// the settlement on <c>{prefix}.settlements.v1</c> and prints the run. It binds no port.
/// </summary>
internal static class MarketCoordinatorCommand
{
    /// <summary>Exit code when the price loop did not converge.</summary>
    public const int NotConverged = 4;

    public const string Notes = """
        Every prosumer of the file is asked over Kafka: a "sems market prosumer" process, or any program that reads
        sems.market.prices/1 and answers sems.market.schedule/1 (schemas/market/, docs/market-adapter.md). A prosumer
        that has not answered an iteration within the timeout is left out of the market (--on-missing settle: the run
        goes on without it and the output names it and why) or waited for (--on-missing wait: every few seconds stderr
        says whom it waits for; the run waits as long as it takes). Invalid and stale messages are logged on stderr
        with the path and the value, and ignored. Topics a broker does not create on first use are created with 4
        partitions.
        Exit code: 0 converged and every prosumer settled; 1 converged but a prosumer was left out; 4 the price loop did
        not converge (the last iteration is still settled and printed); 2 invalid file or usage; 3 the file cannot be
        read, or Kafka cannot be reached or refuses a topic or a message.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = MarketKafkaOptions.File();
        var bootstrap = MarketKafkaOptions.Bootstrap();
        var prefix = MarketKafkaOptions.TopicPrefix();
        var timeout = new Option<double?>("--timeout-seconds")
        {
            Description = "How long to wait for one iteration's answers, seconds, above 0 and at most 86400 (default: the file's market.responseTimeoutSeconds).",
            HelpName = "N",
        };
        timeout.CustomParser = result =>
        {
            if (OptionValue.Number("--timeout-seconds", CliOptions.Single(result), 0, false, CommunityReader.MaxResponseTimeoutSeconds, true, "above 0 and at most 86400", out var problem) is { } n) return n;
            result.AddError(problem!);
            return null;
        };
        var onMissing = new Option<string?>("--on-missing")
        {
            Description = "A prosumer silent past the timeout: settle (go on without it) or wait (keep waiting) (default: the file's market.onMissing).",
            HelpName = "settle|wait",
        };
        onMissing.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[^1].Value is not ("settle" or "wait"))
                result.AddError($"--on-missing \"{result.Tokens[^1].Value}\" is neither settle nor wait");
        });
        var json = new Option<bool>("--json") { Description = "Print only the settlement message (sems.market.settlement/1) on stdout." };
        var command = new Command("coordinator",
            "Runs the market coordinator of a community file over Kafka: sends every iteration's prices, collects the prosumers' schedules, publishes and prints the settlement.")
        {
            file, bootstrap, prefix, timeout, onMissing, json,
        };
        command.SetAction(result => Run(result.GetRequiredValue(file), result.GetRequiredValue(bootstrap), result.GetValue(prefix), result.GetValue(timeout),
            result.GetValue(onMissing), result.GetValue(json), stdout, stderr));
        return command;
    }

    private static int Run(string file, string bootstrap, string? prefix, double? timeoutSeconds, string? onMissing, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (MarketKafkaOptions.ReadCommunity(file, "market coordinator", stderr, out var exit) is not { } community) return exit;
        community = community with
        {
            Market = community.Market with
            {
                ResponseTimeout = timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : community.Market.ResponseTimeout,
                OnMissing = onMissing switch
                {
                    "settle" => MissingProsumerPolicy.SettleWithout,
                    "wait" => MissingProsumerPolicy.Wait,
                    _ => community.Market.OnMissing,
                },
            },
        };
        var connection = MarketKafkaOptions.Connection(bootstrap, prefix, community);
        var logger = new CliLogger(stderr, "sems market coordinator");
        using var cancel = new CancellationTokenSource();
        using var ctrlC = MarketKafkaOptions.CancelOnCtrlC(cancel);
        using var round = new KafkaMarketRound(community, connection, logger);
        MarketOutcome outcome;
        SettlementMessage settlement;
        try
        {
            outcome = MarketCoordinator.RunAsync(community, round, cancel.Token).GetAwaiter().GetResult();
            settlement = SettlementMessages.From(community, round.RunId, outcome);
            round.PublishSettlementAsync(settlement, cancel.Token).GetAwaiter().GetResult();
        }
        catch (KafkaException e)
        {
            stderr.WriteLine($"sems: market coordinator: Kafka at {bootstrap}: {e.Error.Reason}");
            return SemsCli.IoFailure;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"sems: market coordinator: interrupted; run {round.RunId} was not settled");
            return SemsCli.IoFailure;
        }

        if (json) stdout.WriteLine(Encoding.UTF8.GetString(MarketMessageCodec.Write(settlement)));
        else Print(stdout, community, connection, round.RunId, outcome, settlement);
        if (!outcome.Converged) stderr.WriteLine($"sems: market coordinator: not converged: {outcome.StopReason}");
        return !outcome.Converged ? NotConverged : outcome.Missing.Count > 0 ? 1 : 0;
    }

    private static void Print(TextWriter o, Community community, KafkaMarketOptions connection, string runId, MarketOutcome outcome, SettlementMessage settlement)
    {
        var c = community.Currency ?? "currency units";
        o.WriteLine($"Local energy market {community.Title ?? community.Name} over Kafka at {connection.BootstrapServers} (topics {connection.Topics.Prefix}.*.v1), run {runId}:");
        o.WriteLine($"{(outcome.Converged ? "converged" : "not converged")} after iterations 0–{outcome.Iterations} ({settlement.Mechanism}): {outcome.StopReason}");
        o.WriteLine();
        var trace = new List<IReadOnlyList<string>> { new[] { "iteration", $"community cost ({c})", $"change ({c})", "peer traded (kWh)", "answered" } };
        trace.AddRange(outcome.Trace.Select(i => (IReadOnlyList<string>)
        [
            i.Iteration.ToString(CultureInfo.InvariantCulture), Number(i.CommunityCost), i.CostChange is { } d ? Number(d) : "—",
            MarketKafkaOptions.Kwh(i.PeerTradedKwh), i.Answered.ToString(CultureInfo.InvariantCulture),
        ]));
        foreach (var line in TextColumns.Lines(trace, k => k > 0)) o.WriteLine(line);
        o.WriteLine();
        var bills = new List<IReadOnlyList<string>>
        {
            new[] { "prosumer", "bought (kWh)", "sold (kWh)", "peer bought (kWh)", "peer sold (kWh)", $"paid ({c})", $"earned ({c})", $"bill ({c})", $"alone ({c})", $"saving ({c})" },
        };
        bills.AddRange(settlement.Prosumers.Select(l => (IReadOnlyList<string>)
        [
            l.ProsumerId, MarketKafkaOptions.Kwh(l.BoughtKwh), MarketKafkaOptions.Kwh(l.SoldKwh), MarketKafkaOptions.Kwh(l.PeerBoughtKwh), MarketKafkaOptions.Kwh(l.PeerSoldKwh),
            MarketKafkaOptions.Money(l.PaidCents), MarketKafkaOptions.Money(l.EarnedCents), MarketKafkaOptions.Money(l.BillCents),
            MarketKafkaOptions.Money(l.BaselineBillCents), MarketKafkaOptions.Money(l.SavingsCents),
        ]));
        foreach (var line in TextColumns.Lines(bills, k => k > 0)) o.WriteLine(line);
        var b = settlement.Budget;
        o.WriteLine($"Bills: + pays, − earns. Budget: buyers pay {MarketKafkaOptions.Money(b.BuyersPayCents)} {c} = sellers earn {MarketKafkaOptions.Money(b.SellersEarnCents)} {c}"
            + $" + paid to the grid {MarketKafkaOptions.Money(b.GridPaidCents)} {c} − paid by the grid {MarketKafkaOptions.Money(b.GridPaysCents)} {c}"
            + $": {(b.Balanced ? "balanced to the cent" : "NOT balanced")}; {MarketKafkaOptions.Kwh(b.PeerTradedKwh)} kWh traded between prosumers.");
        o.WriteLine(settlement.LeftOut.Count == 0
            ? "Left out: none."
            : "Left out (their energy is theirs with the grid at its tariffs): " + string.Join("; ", settlement.LeftOut.Select(l => $"{l.ProsumerId}: {l.Reason}")) + ".");
        o.WriteLine($"Settlement published on {connection.Topics.Settlements}.");
    }

    /// <summary>Currency with 2 to 4 decimals: small changes near convergence stay visible.</summary>
    private static string Number(double value) => value.ToString("0.00##", CultureInfo.InvariantCulture);
}
