using System.Globalization;

namespace Sems.Bench.Coordination;

/// <summary>
/// The command line of the scaling runs: <c>--scaling SIZES [--modes M,…] [--root-limit X,…] [--feeders F]
/// [--feeder-limit X] [--seed S] [--reference-max N] [--csv FILE] [--timeout-min T] [--connection CONN] [--silos N]
/// [--hosting local|silo]</c>. Every point (size × root limit × mode) runs in a process of its own, so its memory
/// figures are its own; <c>--scaling-point SIZE MODE ROOT</c> with the same options is that process.
/// </summary>
/// <param name="Sizes">Subsystems per city, in the order run.</param>
/// <param name="Modes">Coordination modes: <c>priority</c>, <c>priority-parallel</c>, <c>economic</c>.</param>
/// <param name="RootLimits">The substation's limit as fractions of all peaks, each run in turn.</param>
/// <param name="Feeders">Feeders of the city (capped at the size).</param>
/// <param name="FeederLimit">Each feeder's limit as a fraction of its subsystems' summed peaks.</param>
/// <param name="ReferenceMax">The centralised reference is solved for sizes up to this (0: never).</param>
/// <param name="Csv">The CSV written, one row per point, appended as each point ends.</param>
/// <param name="TimeoutMinutes">A point's process is stopped after this many minutes and its row says so.</param>
/// <param name="MemoryMaxGib">A point's process is stopped when its working set passes this many GiB.</param>
/// <param name="Hosting"><c>local</c> (the engine without actors) or <c>silo</c> (the grains; PostgreSQL with <paramref name="Connection"/>).</param>
/// <param name="ReferenceObjective">For one point: the reference's objective computed by an earlier point of the same city, or null.</param>
public sealed record ScalingArguments(
    IReadOnlyList<int> Sizes,
    IReadOnlyList<string> Modes,
    IReadOnlyList<double> RootLimits,
    int Feeders,
    double FeederLimit,
    int Seed,
    int ReferenceMax,
    string Csv,
    double TimeoutMinutes,
    double MemoryMaxGib,
    string Hosting,
    string? Connection,
    int Silos,
    double? ReferenceObjective = null)
{
    /// <summary>The modes a point may run.</summary>
    public static IReadOnlyList<string> KnownModes { get; } = ["priority", "priority-parallel", "economic"];

    public const string Usage =
        "usage: Sems.Bench.Coordination --scaling SIZES [options]   e.g. --scaling 100,300,1000,3000,10000\n" +
        "  --modes M,…          priority, priority-parallel, economic (default: all three)\n" +
        "  --root-limit X,…     the substation's limit, fractions of all peaks (default 0.8)\n" +
        "  --feeders F          feeders of the city, capped at the size (default 100)\n" +
        "  --feeder-limit X     each feeder's limit, a fraction of its subsystems' peaks (default 0.9)\n" +
        "  --seed S             the city's seed (default 1)\n" +
        "  --reference-max N    solve the centralised reference for sizes ≤ N (default 300; 0: never)\n" +
        "  --csv FILE           the rows (default city-scale.csv)\n" +
        "  --timeout-min T      stop a point after T minutes (default 30)\n" +
        "  --memory-max-gib G   stop a point whose working set passes G GiB (default 12)\n" +
        "  --hosting H          local (the engine, no actors; default) or silo (the grains, one embedded silo)\n" +
        "  --connection CONN    with --hosting silo: PostgreSQL clustering, storage and history\n" +
        "  --silos N            with --connection: N silos in the point's process (default 1)";

    /// <summary>The parsed options after the sizes (<paramref name="args"/>[0] is <c>--scaling</c>), or null with <paramref name="problem"/>.</summary>
    public static ScalingArguments? Parse(IReadOnlyList<string> args, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        problem = null;
        if (args.Count < 2) return Fail("--scaling needs the sizes, e.g. 100,300,1000", out problem);
        if (Numbers(args[1], "--scaling", int.TryParse, 1, out var sizes, out problem) is false) return null;
        var (modes, roots) = ((IReadOnlyList<string>)KnownModes, (IReadOnlyList<double>)[0.8]);
        var (feeders, feederLimit, seed, referenceMax, csv, timeout, hosting, connection, silos) = (100, 0.9, 1, 300, "city-scale.csv", 30.0, "local", (string?)null, 1);
        var memoryMax = 12.0;
        double? reference = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 2; i < args.Count; i++)
        {
            var option = args[i];
            if (!option.StartsWith("--", StringComparison.Ordinal)) return Fail($"\"{option}\" is not an option", out problem);
            if (!seen.Add(option)) return Fail($"{option} is given twice", out problem);
            if (i + 1 >= args.Count) return Fail($"{option} needs a value", out problem);
            var value = args[++i];
            switch (option)
            {
                case "--modes":
                    var list = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (list.Length == 0 || list.Any(m => !KnownModes.Contains(m)))
                        return Fail($"--modes: \"{value}\" is not a list of {string.Join(", ", KnownModes)}", out problem);
                    modes = list;
                    break;
                case "--root-limit":
                    if (Numbers(value, option, double.TryParse, double.Epsilon, out var fractions, out problem) is false) return null;
                    roots = fractions;
                    break;
                case "--feeder-limit":
                    if (!Positive(value, out feederLimit)) return Fail($"{option}: \"{value}\" is not a number > 0", out problem);
                    break;
                case "--feeders" or "--seed" or "--reference-max" or "--silos":
                    var min = option switch { "--feeders" or "--silos" => 1, "--reference-max" => 0, _ => int.MinValue };
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) || whole < min)
                        return Fail($"{option}: \"{value}\" is not a whole number ≥ {min}", out problem);
                    if (option == "--feeders") feeders = whole;
                    else if (option == "--seed") seed = whole;
                    else if (option == "--reference-max") referenceMax = whole;
                    else silos = whole;
                    break;
                case "--csv":
                    csv = value;
                    break;
                case "--timeout-min":
                    if (!Positive(value, out timeout)) return Fail($"{option}: \"{value}\" is not a number of minutes > 0", out problem);
                    break;
                case "--memory-max-gib":
                    if (!Positive(value, out memoryMax)) return Fail($"{option}: \"{value}\" is not a number of GiB > 0", out problem);
                    break;
                case "--hosting":
                    if (value is not ("local" or "silo")) return Fail($"--hosting: \"{value}\" is neither local nor silo", out problem);
                    hosting = value;
                    break;
                case "--connection":
                    connection = value;
                    break;
                case "--reference-objective":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var objective) || !double.IsFinite(objective))
                        return Fail($"{option}: \"{value}\" is not a finite number", out problem);
                    reference = objective;
                    break;
                default:
                    return Fail($"unknown option \"{option}\"", out problem);
            }
        }

        if (connection is not null && hosting != "silo") return Fail("--connection needs --hosting silo", out problem);
        if (silos > 1 && connection is null) return Fail($"--silos {silos} needs --connection (the silos share a PostgreSQL cluster)", out problem);
        return new ScalingArguments(sizes, modes, roots, feeders, feederLimit, seed, referenceMax, csv, timeout, memoryMax, hosting, connection, silos, reference);
    }

    /// <summary>The options again, for a point's process (without the sizes, modes and root limits).</summary>
    public IEnumerable<string> PointOptions()
    {
        string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        yield return "--feeders";
        yield return Feeders.ToString(CultureInfo.InvariantCulture);
        yield return "--feeder-limit";
        yield return F(FeederLimit);
        yield return "--seed";
        yield return Seed.ToString(CultureInfo.InvariantCulture);
        yield return "--reference-max";
        yield return ReferenceMax.ToString(CultureInfo.InvariantCulture);
        yield return "--hosting";
        yield return Hosting;
        if (Connection is not null)
        {
            yield return "--connection";
            yield return Connection;
            yield return "--silos";
            yield return Silos.ToString(CultureInfo.InvariantCulture);
        }
    }

    private delegate bool TryParse<T>(string text, NumberStyles styles, IFormatProvider provider, out T value);

    private static bool Numbers<T>(string text, string option, TryParse<T> parse, T min, out IReadOnlyList<T> values, out string? problem)
        where T : IComparable<T>
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var parsed = new List<T>();
        foreach (var part in parts)
        {
            if (!parse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value.CompareTo(min) < 0 || value is double d && !double.IsFinite(d))
            {
                values = [];
                problem = $"{option}: \"{part}\" in \"{text}\" is not a number {(min is double ? "> 0" : $"≥ {min}")}";
                return false;
            }

            parsed.Add(value);
        }

        values = parsed;
        problem = null;
        return true;
    }

    private static bool Positive(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && double.IsFinite(value);

    private static ScalingArguments? Fail(string message, out string? problem)
    {
        problem = message;
        return null;
    }
}
