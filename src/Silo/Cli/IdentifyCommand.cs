using System.Globalization;
using System.Text.Json;
using Sems.Engine.Identification;
using Sems.Forecasting;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems identify --csv FILE --time COLUMN --state COLUMN --input TYPE=COLUMN ... [--disturbance NAME=COLUMN ...]
/// [--id ID] [--band LOWER,UPPER]</c>: fits a first-order state-space demand model (A, B, E) by ridge regression with
/// λ chosen on held-out data, prints ASHRAE Guideline 14 figures of its free run on that data, and the demand block
/// of the district file.
/// </summary>
internal static class IdentifyCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null, time = null, stateColumn = null, id = "network";
        double lower = 60, upper = 75;
        var inputs = new List<(string Name, string Column)>();
        var disturbances = new List<(string Name, string Column)>();
        for (var k = 0; k < args.Length; k++)
        {
            var option = args[k];
            if (k + 1 >= args.Length) return SemsCli.Fail(stderr, $"identify: {option} needs a value");
            var value = args[++k];
            switch (option)
            {
                case "--csv": file = value; break;
                case "--time": time = value; break;
                case "--state": stateColumn = value; break;
                case "--id": id = value; break;
                case "--input" when value.Split('=') is [var name, var column]: inputs.Add((name, column)); break;
                case "--disturbance" when value.Split('=') is [var name, var column]: disturbances.Add((name, column)); break;
                case "--band" when value.Split(',') is [var lo, var up]
                    && double.TryParse(lo, NumberStyles.Float, CultureInfo.InvariantCulture, out lower)
                    && double.TryParse(up, NumberStyles.Float, CultureInfo.InvariantCulture, out upper) && lower <= upper:
                    break;
                default:
                    return SemsCli.Fail(stderr, $"identify: {option} {value} is not a known option with a valid value");
            }
        }

        if (file is null || time is null || stateColumn is null || inputs.Count == 0)
            return SemsCli.Fail(stderr, "identify needs --csv FILE, --time COLUMN, --state COLUMN and at least one --input TYPE=COLUMN");

        if (InputFile.Read(file, "data file", stderr) is not { } text) return SemsCli.InvalidInput;

        var read = CsvSeriesReader.Read(text, time, stateColumn, [.. inputs.Select(i => i.Column), .. disturbances.Select(d => d.Column)]);
        if (read.Data is not { } data)
        {
            foreach (var problem in read.Problems) stderr.WriteLine($"  {problem}");
            return SemsCli.InvalidInput;
        }

        var n = data.Count - 1;
        IReadOnlyList<double> First(string column) => data.Features[column].Take(n).ToArray();
        IdentifiedModel model;
        try
        {
            model = StateSpaceIdentifier.Fit(new IdentificationData(data.Values,
                inputs.ToDictionary(i => i.Name, i => First(i.Column)),
                disturbances.ToDictionary(d => d.Name, d => First(d.Column)),
                (int)data.Step.TotalMinutes));
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"sems: {e.Message}");
            return SemsCli.InvalidInput;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted on {model.TrainingSteps} steps, validated on the last {model.ValidationSteps}; λ = {model.Lambda:G3}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"free run on held-out data: NMBE {model.NmbePercent:0.###} %, CV(RMSE) {model.CvRmsePercent:0.###} % (ASHRAE G14 targets ±10 %, ≤ 30 %: {(model.MeetsG14 ? "met" : "NOT met")}), RMSE {model.FreeRunRmse:0.###} (state units)"));
        var block = DemandBlock.ToJson(model, id, data.Values[^1], lower, upper, "both", 1.0);
        stdout.WriteLine(block.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return model.MeetsG14 ? 0 : 1;
    }
}
