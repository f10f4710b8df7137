using System.Globalization;
using System.Text.Json;
using Sems.Silo.Cli;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>One in-process run of the <c>sems</c> command line: its exit code and everything it wrote.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Invoke(params string[] args) => Invoke(CliBackends.Default, args);

    /// <summary>A run with the given store back-ends (fakes of the database).</summary>
    public static CliRun Invoke(CliBackends backends, params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = SemsCli.Run(args, stdout, stderr, backends);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Parses the whole of stdout as one JSON array (fails if anything else was printed there).</summary>
    public JsonElement JsonArray()
    {
        using var document = JsonDocument.Parse(Stdout);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }

    /// <summary>The result object of subsystem <paramref name="id"/> in the JSON array on stdout.</summary>
    public JsonElement Subsystem(string id) =>
        Assert.Single(JsonArray().EnumerateArray(), r => r.GetProperty("id").GetString() == id);
}
