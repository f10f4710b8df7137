using System.Globalization;
using System.Text;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Silo.Cli;

/// <summary>
/// Writes every trajectory of every subsystem as CSV under DIR/&lt;subsystem id&gt;/: draw.csv, supplies.csv,
/// stores.csv, demands.csv. One row per step; headers carry units. Files are written whole, then moved into place.
/// </summary>
internal static class TrajectoryCsv
{
    public static int Write(string directory, District district, IReadOnlyList<SubsystemResult> results)
    {
        var count = 0;
        foreach (var result in results.Where(r => r.HasPlan))
        {
            var folder = Path.Combine(directory, result.Id);
            Directory.CreateDirectory(folder);
            var n = district.HorizonSteps;

            var draw = result.DrawKw.Select(d => ($"{d.Key}_kW", d.Value)).ToList();
            count += WriteFile(Path.Combine(folder, "draw.csv"), district, n, draw);

            var supplies = result.Supplies.SelectMany(s => s.Conversions.SelectMany(c => new[]
            {
                ($"{s.Id}.{c.Resource}_draw_kW", c.DrawKw),
                ($"{s.Id}.{c.EnergyType}_output_kW", c.OutputKw),
            })).ToList();
            count += WriteFile(Path.Combine(folder, "supplies.csv"), district, n, supplies);

            if (result.Stores.Count > 0)
            {
                var stores = result.Stores.SelectMany(s => new[]
                {
                    ($"{s.Id}.soc_kWh", s.SocKwh),
                    ($"{s.Id}.charge_kW", s.ChargeKw),
                    ($"{s.Id}.discharge_kW", s.DischargeKw),
                }).ToList();
                count += WriteFile(Path.Combine(folder, "stores.csv"), district, n + 1, stores);
            }

            var demands = result.Demands.SelectMany(d => d.Kind == "series"
                ? [($"{d.Id}_kW", d.ValuesKw!)]
                : d.Outputs.Select((y, o) => ($"{d.Id}.y{o}", y)).Concat(d.Slack.Select((s, o) => ($"{d.Id}.y{o}_slack", s)))).ToList();
            if (demands.Count > 0) count += WriteFile(Path.Combine(folder, "demands.csv"), district, n, demands);
        }

        return count;
    }

    private static int WriteFile(string path, District district, int rows, IReadOnlyList<(string Header, IReadOnlyList<double> Values)> columns)
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

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
        return 1;
    }
}
