using System.Globalization;
using System.Text;
using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Silo.Reporting;

namespace Sems.Silo.Cli;

/// <summary>
/// Writes every trajectory of every subsystem as CSV under DIR/&lt;subsystem id&gt;/: draw.csv, exports.csv (a subsystem
/// with exports), supplies.csv, stores.csv, demands.csv. One row per step; headers carry units. The set is written whole or not at all
/// (<see cref="AtomicFolder"/>); a subsystem id that is not a plain file name is refused, never used as a path.
/// </summary>
internal static class TrajectoryCsv
{
    /// <exception cref="UnsafeFileNameException">A subsystem id is not a plain file name; nothing is written.</exception>
    public static int Write(string directory, District district, IReadOnlyList<SubsystemResult> results) =>
        AtomicFolder.Write(directory, Files(district, results));

    public static IEnumerable<OutputFile> Files(District district, IReadOnlyList<SubsystemResult> results)
    {
        foreach (var result in results.Where(r => r.HasPlan))
        {
            var n = district.HorizonSteps;

            var draw = result.DrawKw.Select(d => ($"{d.Key}_kW", d.Value)).ToList();
            yield return File(result.Id, "draw.csv", district, n, draw);

            if (result.Exports.Count > 0)
            {
                // What the subsystem feeds back: per resource, its net draw import − export, and each export.
                var exports = result.ExportKw.SelectMany(x => new[] { ($"{x.Key}_export_kW", x.Value), ($"{x.Key}_net_kW", result.NetDrawKw[x.Key]) })
                    .Concat(result.Exports.Select(x => ($"{x.Key}.export_kW", x.Value))).ToList();
                yield return File(result.Id, "exports.csv", district, n, exports);
            }

            var supplies = result.Supplies.SelectMany(s => s.Conversions.SelectMany(c => new[]
            {
                ($"{s.Id}.{c.Resource}_draw_kW", c.DrawKw),
                ($"{s.Id}.{c.EnergyType}_output_kW", c.OutputKw),
            })).ToList();
            yield return File(result.Id, "supplies.csv", district, n, supplies);

            if (result.Stores.Count > 0)
            {
                var stores = result.Stores.SelectMany(s => new[]
                {
                    ($"{s.Id}.soc_kWh", s.SocKwh),
                    ($"{s.Id}.charge_kW", s.ChargeKw),
                    ($"{s.Id}.discharge_kW", s.DischargeKw),
                }).ToList();
                yield return File(result.Id, "stores.csv", district, n + 1, stores);
            }

            var demands = result.Demands.SelectMany(d => d.Kind == "series"
                ? [($"{d.Id}_kW", d.ValuesKw!)]
                : d.Outputs.Select((y, o) => ($"{d.Id}.y{o}", y)).Concat(d.Slack.Select((s, o) => ($"{d.Id}.y{o}_slack", s)))).ToList();
            if (demands.Count > 0) yield return File(result.Id, "demands.csv", district, n, demands);
        }
    }

    private static OutputFile File(string id, string name, District district, int rows, IReadOnlyList<(string Header, IReadOnlyList<double> Values)> columns) =>
        new([id, name], () => Encoding.UTF8.GetBytes(Text(district, rows, columns)));

    private static string Text(District district, int rows, IReadOnlyList<(string Header, IReadOnlyList<double> Values)> columns)
    {
        var text = new StringBuilder();
        text.Append("step,start_utc");
        foreach (var (header, _) in columns) text.Append(',').Append(header);
        text.Append('\n');
        for (var i = 0; i < rows; i++)
        {
            text.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',');
            if (district.Start is { } start) text.Append(start.AddMinutes(i * district.StepMinutes).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            foreach (var (_, values) in columns)
            {
                text.Append(',');
                if (i < values.Count) text.Append(values[i].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
