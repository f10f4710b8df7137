using System.CommandLine;
using System.Globalization;
using Sems.Adapters.Kafka;
using Sems.Engine.Market;

namespace Sems.Silo.Cli;

/// <summary>The options <c>sems market coordinator</c> and <c>sems market prosumer</c> share: where Kafka is, the topics, the community file.</summary>
internal static class MarketKafkaOptions
{
    public static Argument<string> File() => new("FILE") { Description = "The community file (JSON, docs/market-format.md)." };

    public static Option<string> Bootstrap()
    {
        var option = CliOptions.Text("--bootstrap", "The Kafka brokers, HOST:PORT[,HOST:PORT…] (e.g. 127.0.0.1:9092).", "HOST:PORT", required: true);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && BootstrapProblem(result.Tokens[^1].Value) is { } problem) result.AddError(problem);
        });
        return option;
    }

    public static Option<string> TopicPrefix()
    {
        var option = CliOptions.Text("--topic-prefix", "The prefix of the market's topics {P}.prices.v1, {P}.schedules.v1, {P}.settlements.v1 (default: sems.market.{community name}).", "P");
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && MarketTopics.Problem(result.Tokens[^1].Value) is { } problem) result.AddError($"--topic-prefix \"{result.Tokens[^1].Value}\" {problem}");
        });
        return option;
    }

    /// <summary>Why <paramref name="value"/> is not a broker list, or null.</summary>
    public static string? BootstrapProblem(string value)
    {
        foreach (var broker in value.Split(','))
        {
            var colon = broker.LastIndexOf(':');
            var host = colon > 0 ? broker[..colon] : "";
            var valid = colon > 0
                && host.Length > 0 && !host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '@')
                && int.TryParse(broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;
            if (!valid) return $"--bootstrap \"{value}\": \"{broker}\" is not HOST:PORT with a port from 1 to 65535 (e.g. 127.0.0.1:9092)";
        }

        return null;
    }

    /// <summary>Reads the community file: null after printing why (exit code in <paramref name="exitCode"/>).</summary>
    public static Community? ReadCommunity(string file, string command, TextWriter stderr, out int exitCode)
    {
        exitCode = 0;
        if (InputFile.ReadBytes(file, "community file", stderr) is not { } bytes)
        {
            exitCode = SemsCli.IoFailure;
            return null;
        }

        var read = CommunityReader.Read(bytes, file);
        foreach (var warning in read.Warnings.Take(ProblemList.MaxShown)) stderr.WriteLine($"sems {command}: warning: {warning}");
        if (read.IsValid) return read.Community;
        stderr.WriteLine($"sems: {file} is not a valid community file ({read.Errors.Count} problem{(read.Errors.Count == 1 ? "" : "s")}):");
        foreach (var problem in read.Errors.Take(ProblemList.MaxShown)) stderr.WriteLine($"  {problem}");
        if (read.Errors.Count > ProblemList.MaxShown) stderr.WriteLine($"  … and {read.Errors.Count - ProblemList.MaxShown} more problems");
        exitCode = SemsCli.InvalidInput;
        return null;
    }

    public static KafkaMarketOptions Connection(string bootstrap, string? prefix, Community community) =>
        new(bootstrap, new MarketTopics(prefix ?? MarketTopics.DefaultPrefix(community.Name)));

    /// <summary>Whole cents as currency with two decimals: −1234 → "-12.34".</summary>
    public static string Money(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Kwh(double kwh) => kwh.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Ctrl-C cancels the token instead of killing the process; dispose to stop listening.</summary>
    public static IDisposable CancelOnCtrlC(CancellationTokenSource cancel)
    {
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += handler;
        return new Unsubscribe(() => Console.CancelKeyPress -= handler);
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
