using System.Globalization;

namespace Sems.Bench.Coordination;

/// <summary>
/// The bench's command line: <c>[subsystems=1000] [cycles=3] [seed=1] [limit fraction=0.8] [--local]
/// [--connection CONN] [--silos N]</c>. Positional values come first, in that order; options may follow in any order.
/// </summary>
public sealed record BenchArguments(int Subsystems, int Cycles, int Seed, double LimitFraction, bool Local, string? Connection, int Silos)
{
    public const string Usage =
        "usage: Sems.Bench.Coordination [subsystems=1000] [cycles=3] [seed=1] [limit fraction of the summed peaks=0.8] [--local] [--connection CONN] [--silos N]\n" +
        "  --local            the engine's reference coordinator without actors\n" +
        "  --connection CONN  clustering, grain storage, reminders and history on PostgreSQL (the schema is migrated first)\n" +
        "  --silos N          N silos in this process sharing the PostgreSQL cluster (default 1; N > 1 needs --connection)";

    /// <summary>The parsed arguments, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        problem = null;
        var positional = new List<string>();
        var local = false;
        string? connection = null;
        int? silos = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--local":
                    local = true;
                    break;
                case "--connection":
                    if (connection is not null) return Fail("--connection is given twice", out problem);
                    if (Value(args, ref i) is not { } conn) return Fail("--connection needs a connection string", out problem);
                    connection = conn;
                    break;
                case "--silos":
                    if (silos is not null) return Fail("--silos is given twice", out problem);
                    if (Value(args, ref i) is not { } text) return Fail("--silos needs a number", out problem);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 9)
                        return Fail($"--silos: \"{text}\" is not a whole number from 1 to 9", out problem);
                    silos = n;
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal)) return Fail($"unknown option \"{arg}\"", out problem);
                    if (i > positional.Count) return Fail($"\"{arg}\": positional values come before the options", out problem);
                    if (positional.Count == 4) return Fail($"\"{arg}\": at most four positional values", out problem);
                    positional.Add(arg);
                    break;
            }
        }

        int? Whole(int index, string name, int fallback, int min, ref string? why)
        {
            if (index >= positional.Count) return fallback;
            if (int.TryParse(positional[index], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min) return value;
            why ??= $"{name}: \"{positional[index]}\" is not a whole number ≥ {min}";
            return null;
        }

        string? why = null;
        var count = Whole(0, "subsystems", 1000, 1, ref why);
        var cycles = Whole(1, "cycles", 3, 1, ref why);
        var seed = Whole(2, "seed", 1, int.MinValue, ref why);
        var fraction = 0.8;
        if (positional.Count > 3 && !(double.TryParse(positional[3], NumberStyles.Float, CultureInfo.InvariantCulture, out fraction) && fraction > 0 && double.IsFinite(fraction)))
            why ??= $"limit fraction: \"{positional[3]}\" is not a number > 0";
        if (why is not null) return Fail(why, out problem);
        if (local && (connection is not null || silos is not null)) return Fail("--local runs without a silo; it takes neither --connection nor --silos", out problem);
        if (silos > 1 && connection is null) return Fail("--silos above 1 needs --connection (the silos share a PostgreSQL cluster)", out problem);
        if (connection is not null)
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            }
            catch (ArgumentException e)
            {
                return Fail($"--connection: not a PostgreSQL connection string ({e.Message})", out problem);
            }
        }

        return new BenchArguments(count!.Value, cycles!.Value, seed!.Value, fraction, local, connection, silos ?? 1);
    }

    private static string? Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return null;
        i++;
        return args[i];
    }

    private static BenchArguments? Fail(string message, out string? problem)
    {
        problem = message;
        return null;
    }
}
