using System.Globalization;

namespace Sems.Bench.Market;

/// <summary>
/// The real profiles the generated communities are drawn from: the copied slices in examples/data/market (see its
/// README). Every series is hourly, 24 values per day, UTC for the buildings, the price and the PV yield, local clock
/// time for the Fontana homes.
/// </summary>
/// <param name="BuildingLoadKw">Per Cambridge building id, its five weekdays (20–24 June 2022), 24 hourly kW each.</param>
/// <param name="HomeLoadKw">Per Fontana home (1–17), its five weekdays (19–23 June 2017), 24 hourly kW each.</param>
/// <param name="HomePvPerKw">The same homes and days: measured PV output per kW installed, kW/kW.</param>
/// <param name="PvPerKwp">The Bath PV yield of <see cref="PvDay"/>, 24 hourly kW/kWp (the hour starting at each UTC hour).</param>
/// <param name="RetailPerKwh">The Agile import price of <see cref="Day"/>, 24 hourly GBP/kWh.</param>
public sealed record MarketData(
    IReadOnlyDictionary<string, double[][]> BuildingLoadKw,
    IReadOnlyDictionary<int, double[][]> HomeLoadKw,
    IReadOnlyDictionary<int, double[][]> HomePvPerKw,
    double[] PvPerKwp,
    double[] RetailPerKwh)
{
    /// <summary>The day whose price the communities face.</summary>
    public const string Day = "2022-06-21";

    /// <summary>The day whose PV yield shapes the buildings' PV (the same calendar day of the last full June in the series).</summary>
    public const string PvDay = "2017-06-21";

    private const int Hours = 24, Weekdays = 5;

    /// <summary>Reads the slices from <paramref name="folder"/> (examples/data/market).</summary>
    public static MarketData Load(string folder)
    {
        var buildings = ReadBuildings(Path.Combine(folder, "cambridge_electricity_2022-06-20_to_24.csv"));
        var (homeLoad, homePv) = ReadHomes(Path.Combine(folder, "fontana_homes_2017-06-19_to_23.csv"));
        var pv = ReadPv(Path.Combine(folder, "bath_pv_yield_2017-06-19_to_24.csv"));
        var retail = ReadRetail(Path.Combine(folder, "agile_import_price_eastern_england_2022-06-20_to_24.csv"));
        return new MarketData(buildings, homeLoad, homePv, pv, retail);
    }

    /// <summary>examples/data/market of the repository this program runs from (the first folder above it holding Sems.sln).</summary>
    public static string RepositoryFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sems.sln"))) return Path.Combine(folder.FullName, "examples", "data", "market");
        }

        throw new DirectoryNotFoundException($"no Sems.sln above {AppContext.BaseDirectory}: give the data folder with --data");
    }

    private static double Number(string text, string file, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InvalidDataException($"{file} line {line}: \"{text}\" is not a finite number");

    private static Dictionary<string, double[][]> ReadBuildings(string file)
    {
        var lines = File.ReadAllLines(file);
        var ids = lines[0].Split(',')[1..];
        if (lines.Length != 1 + Weekdays * Hours) throw new InvalidDataException($"{file}: {lines.Length - 1} rows, expected {Weekdays * Hours}");
        var result = ids.ToDictionary(id => id, _ => Enumerable.Range(0, Weekdays).Select(_ => new double[Hours]).ToArray(), StringComparer.Ordinal);
        for (var r = 1; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            for (var b = 0; b < ids.Length; b++) result[ids[b]][(r - 1) / Hours][(r - 1) % Hours] = Number(cells[1 + b], file, r + 1);
        }

        return result;
    }

    private static (Dictionary<int, double[][]> Load, Dictionary<int, double[][]> Pv) ReadHomes(string file)
    {
        var lines = File.ReadAllLines(file);
        var header = lines[0].Split(',');
        if (lines.Length != 1 + Weekdays * Hours) throw new InvalidDataException($"{file}: {lines.Length - 1} rows, expected {Weekdays * Hours}");
        var load = new Dictionary<int, double[][]>();
        var pv = new Dictionary<int, double[][]>();
        for (var home = 1; home <= 17; home++)
        {
            var loadColumn = Array.IndexOf(header, $"load_{home}");
            var solarColumn = Array.IndexOf(header, $"solar_{home}");
            load[home] = Enumerable.Range(0, Weekdays).Select(_ => new double[Hours]).ToArray();
            pv[home] = Enumerable.Range(0, Weekdays).Select(_ => new double[Hours]).ToArray();
            for (var r = 1; r < lines.Length; r++)
            {
                var cells = lines[r].Split(',');
                var hour = int.Parse(cells[2], CultureInfo.InvariantCulture); // 1..24, the hour ending then (local time)
                var day = (r - 1) / Hours;
                load[home][day][hour - 1] = Number(cells[loadColumn], file, r + 1);
                pv[home][day][hour - 1] = Number(cells[solarColumn], file, r + 1) / 1000; // W per kW → kW per kW
            }
        }

        return (load, pv);
    }

    private static double[] ReadPv(string file)
    {
        var rows = File.ReadAllLines(file).Select(l => l.Split(',')).ToList();
        var day = rows.FindIndex(r => r[0] == PvDay);
        if (day < 0 || day + 1 >= rows.Count) throw new InvalidDataException($"{file}: no rows for {PvDay} and the day after");
        // Value k of a day is the half-hour ending at day + k·30 min (UTC): the hour from h:00 averages k = 2h+1 and 2h+2.
        var ending = rows[day][1..49].Select((t, k) => Number(t, file, day + 1)).Append(Number(rows[day + 1][1], file, day + 2)).ToArray();
        return Enumerable.Range(0, Hours).Select(h => (ending[2 * h + 1] + ending[2 * h + 2]) / 2).ToArray();
    }

    private static double[] ReadRetail(string file)
    {
        var lines = File.ReadAllLines(file);
        var day = lines.Skip(1).Select((l, k) => (Line: l, Number: k + 2)).Where(x => x.Line.StartsWith(Day, StringComparison.Ordinal)).ToList();
        if (day.Count != Hours) throw new InvalidDataException($"{file}: {day.Count} rows for {Day}, expected {Hours}");
        return day.Select(x => Number(x.Line.Split(',')[1], file, x.Number)).ToArray();
    }
}
