using System.Globalization;

namespace Sems.Bench.Coordination;

/// <summary>
/// The bench's command line: <c>[subsystems=1000] [cycles=3] [seed=1] [limit fraction=0.8] [--local]
/// [--connection CONN] [--silos N] [--city [--feeders F] [--feeder-limit X] [--root-limit X]] [--mode M] [--write FILE]</c>.
/// Positional values come first, in that order; options may follow in any order.
/// </summary>
/// <param name="City">The three-kind city on a feeder tree (<see cref="GeneratedDistrict.CreateCity"/>) instead of the alternating district.</param>
/// <param name="RootLimit">With <paramref name="City"/>: the substation's limit as a fraction of all peaks (default: the positional limit fraction).</param>
/// <param name="Mode">The coordination mode written into the district (<c>priority</c>, <c>economic</c>), or null for none.</param>
/// <param name="Write">Write the generated district to this file, check that it reads, print its size and exit.</param>
public sealed record BenchArguments(int Subsystems, int Cycles, int Seed, double LimitFraction, bool Local, string? Connection, int Silos,
    bool City = false, int Feeders = 100, double FeederLimit = 0.9, double RootLimit = 0.8, string? Mode = null, string? Write = null)
{
    /// <summary>What <see cref="GeneratedDistrict.CreateCity"/> gets from these arguments.</summary>
    public CityOptions CityOptions => new(Subsystems, Seed, Feeders, FeederLimit, RootLimit, Mode);

    public const string Usage =
        "usage: Sems.Bench.Coordination [subsystems=1000] [cycles=3] [seed=1] [limit fraction of the summed peaks=0.8] [--local] [--connection CONN] [--silos N]\n" +
        "  --local            the engine's reference coordinator without actors\n" +
        "  --connection CONN  clustering, grain storage, reminders and history on PostgreSQL (the schema is migrated first)\n" +
        "  --silos N          N silos in this process sharing the PostgreSQL cluster (default 1; N > 1 needs --connection)\n" +
        "  --city             heat networks, heat-pump-and-battery buildings and EV/PV hubs in turn, on a substation with feeders\n" +
        "  --feeders F        with --city: F feeders, at most one per subsystem (default 100)\n" +
        "  --feeder-limit X   with --city: each feeder's import limit as a fraction > 0 of its subsystems' summed peaks (default 0.9)\n" +
        "  --root-limit X     with --city: the substation's import limit as a fraction > 0 of all peaks (default: the limit fraction)\n" +
        "  --mode M           coordination mode written into the district: priority or economic\n" +
        "  --write FILE       write the generated district to FILE, read it back, print its size and exit\n" +
        "  Sems.Bench.Coordination --export-lp DIR [models=50] [seed=1] [repeats=3]: the first models of the city as LP and MPS files, solved by GLOP";

    /// <summary>The parsed arguments, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        problem = null;
        var positional = new List<string>();
        var local = false;
        string? connection = null;
        int? silos = null;
        var city = false;
        int? feeders = null;
        double? feederLimit = null, rootLimit = null;
        string? mode = null, write = null;
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
                case "--city":
                    city = true;
                    break;
                case "--feeders":
                    if (feeders is not null) return Fail("--feeders is given twice", out problem);
                    if (Value(args, ref i) is not { } feedersText) return Fail("--feeders needs a number", out problem);
                    if (!int.TryParse(feedersText, NumberStyles.None, CultureInfo.InvariantCulture, out var f) || f < 1)
                        return Fail($"--feeders: \"{feedersText}\" is not a whole number ≥ 1", out problem);
                    feeders = f;
                    break;
                case "--feeder-limit" or "--root-limit":
                    if ((arg == "--feeder-limit" ? feederLimit : rootLimit) is not null) return Fail($"{arg} is given twice", out problem);
                    if (Value(args, ref i) is not { } limitText) return Fail($"{arg} needs a fraction", out problem);
                    if (!(double.TryParse(limitText, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0 && double.IsFinite(x)))
                        return Fail($"{arg}: \"{limitText}\" is not a number > 0", out problem);
                    if (arg == "--feeder-limit") feederLimit = x;
                    else rootLimit = x;
                    break;
                case "--mode":
                    if (mode is not null) return Fail("--mode is given twice", out problem);
                    if (Value(args, ref i) is not { } modeText) return Fail("--mode needs priority or economic", out problem);
                    if (modeText is not ("priority" or "economic")) return Fail($"--mode: \"{modeText}\" is neither priority nor economic", out problem);
                    mode = modeText;
                    break;
                case "--write":
                    if (write is not null) return Fail("--write is given twice", out problem);
                    if (Value(args, ref i) is not { } file) return Fail("--write needs a file name", out problem);
                    write = file;
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

        if (!city && (feeders ?? feederLimit ?? rootLimit) is not null) return Fail("--feeders, --feeder-limit and --root-limit need --city", out problem);
        if (rootLimit is not null && positional.Count > 3) return Fail("the root limit is given twice: as the limit fraction and as --root-limit", out problem);
        if (city && (feeders ?? 100) > count!.Value) return Fail($"--feeders: {feeders ?? 100} feeders for {count} subsystems would leave feeders empty", out problem);
        return new BenchArguments(count!.Value, cycles!.Value, seed!.Value, fraction, local, connection, silos ?? 1,
            city, feeders ?? 100, feederLimit ?? 0.9, rootLimit ?? fraction, mode, write);
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
