using System.CommandLine;
using Confluent.Kafka;
using Sems.Adapters.Kafka;
using Sems.Engine.Market;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems market prosumer FILE --id ID --bootstrap HOST:PORT …</c>: one prosumer of a community file as its own process.
/// For every prices message keyed by its id it solves its MILP (<see cref="ProsumerSolver"/>) and answers with its
/// schedule (<see cref="KafkaProsumerHost"/>); after the settlement of the run it answered it prints its line and exits.
/// It binds no port.
/// </summary>
internal static class MarketProsumerCommand
{
    /// <summary>Exit code when neither prices nor a settlement came within the idle timeout.</summary>
    public const int Idle = 4;

    public const string Notes = """
        It reads the prices and settlements topics from their beginning: a run already settled is not answered again,
        and a prosumer started after the coordinator joins the iteration under way. Each answer is printed on stdout
        ("answered iteration N of run R: …"); invalid and stale messages are logged on stderr and ignored.
        Exit code: 0 it was settled (its line is printed); 1 the settlement left it out (printed with the reason); 4 no
        prices nor settlement came within --idle-timeout-seconds; 2 invalid file or usage (an --id that is not one of
        the file's prosumers, or an external one); 3 the file cannot be read, or Kafka cannot be reached.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = MarketKafkaOptions.File();
        var id = CliOptions.Text("--id", "The prosumer to run, one of the file's prosumers.", "ID", required: true);
        var bootstrap = MarketKafkaOptions.Bootstrap();
        var prefix = MarketKafkaOptions.TopicPrefix();
        var idle = CliOptions.Number("--idle-timeout-seconds", "Stop when neither prices nor a settlement come for this long, seconds, above 0 and at most 86400.",
            600, 0, false, 86_400, true, "above 0 and at most 86400");
        var command = new Command("prosumer",
            "Runs one prosumer of a community file over Kafka: answers every prices message with its least-cost schedule, prints its settlement line and exits.")
        {
            file, id, bootstrap, prefix, idle,
        };
        command.SetAction(result => Run(result.GetRequiredValue(file), result.GetRequiredValue(id), result.GetRequiredValue(bootstrap), result.GetValue(prefix),
            result.GetValue(idle), stdout, stderr));
        return command;
    }

    private static int Run(string file, string id, string bootstrap, string? prefix, double idleSeconds, TextWriter stdout, TextWriter stderr)
    {
        if (MarketKafkaOptions.ReadCommunity(file, "market prosumer", stderr, out var exit) is not { } community) return exit;
        if (community.Prosumers.FirstOrDefault(p => p.Id == id) is not { } prosumer)
        {
            return SemsCli.Fail(stderr, $"market prosumer: --id \"{id}\" is not a prosumer of community \"{community.Name}\" (it has {string.Join(", ", community.Prosumers.Select(p => p.Id))})");
        }

        if (prosumer.External)
        {
            return SemsCli.Fail(stderr, $"market prosumer: --id \"{id}\" is external: a third-party system answers for it, and its file entry has no assets to schedule");
        }

        var connection = MarketKafkaOptions.Connection(bootstrap, prefix, community);
        var logger = new CliLogger(stderr, $"sems market prosumer {id}");
        var currency = community.Currency ?? "currency units";
        var output = new Lock();
        var host = new KafkaProsumerHost(connection,
            new KafkaProsumerHostOptions(community.Name, id) { Steps = community.Steps, StepMinutes = community.StepMinutes, IdleTimeout = TimeSpan.FromSeconds(idleSeconds) },
            request => Solve(prosumer, community.StepHours, request),
            logger)
        {
            OnAnswered = (prices, answer) =>
            {
                lock (output)
                {
                    stdout.WriteLine(answer.Problem is { } problem
                        ? $"answered iteration {prices.Iteration} of run {prices.RunId} with a problem: {problem}"
                        : FormattableString.Invariant($"answered iteration {prices.Iteration} of run {prices.RunId}: energy cost {answer.EnergyCost:0.00} {currency}, discomfort cost {answer.DiscomfortCost:0.00} {currency}"));
                    stdout.Flush();
                }
            },
        };
        using var cancel = new CancellationTokenSource();
        using var ctrlC = MarketKafkaOptions.CancelOnCtrlC(cancel);
        ProsumerHostResult result;
        try
        {
            result = host.RunAsync(cancel.Token).GetAwaiter().GetResult();
        }
        catch (KafkaException e)
        {
            stderr.WriteLine($"sems: market prosumer {id}: Kafka at {bootstrap}: {e.Error.Reason}");
            return SemsCli.IoFailure;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"sems: market prosumer {id}: interrupted");
            return SemsCli.IoFailure;
        }

        if (result.Settlement is not { } settlement)
        {
            stderr.WriteLine($"sems: market prosumer {id}: no prices nor settlement within {idleSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s; stopped after {result.Answers} answers");
            return Idle;
        }

        var run = $"run {settlement.RunId} ({settlement.Mechanism}, {(settlement.Converged ? "converged" : "not converged")} after iterations 0–{settlement.Iterations})";
        if (result.Line is { } l)
        {
            stdout.WriteLine($"settled in {run}: bought {MarketKafkaOptions.Kwh(l.BoughtKwh)} kWh ({MarketKafkaOptions.Kwh(l.PeerBoughtKwh)} kWh from peers), "
                + $"sold {MarketKafkaOptions.Kwh(l.SoldKwh)} kWh ({MarketKafkaOptions.Kwh(l.PeerSoldKwh)} kWh to peers); paid {MarketKafkaOptions.Money(l.PaidCents)} {currency}, "
                + $"earned {MarketKafkaOptions.Money(l.EarnedCents)} {currency}, bill {MarketKafkaOptions.Money(l.BillCents)} {currency} "
                + $"(alone {MarketKafkaOptions.Money(l.BaselineBillCents)} {currency}, saving {MarketKafkaOptions.Money(l.SavingsCents)} {currency})");
            return 0;
        }

        stdout.WriteLine($"left out of {run}: {result.LeftOut?.Reason}");
        return 1;
    }

    private static ProsumerReply Solve(Prosumer prosumer, double stepHours, ProsumerRequest request)
    {
        try
        {
            var solution = ProsumerSolver.Solve(prosumer, stepHours, request);
            return new ProsumerReply(prosumer.Id, solution.Schedule, solution.Problem);
        }
        catch (ArgumentException e)
        {
            return new ProsumerReply(prosumer.Id, null, $"invalid request: {e.Message}");
        }
    }
}
