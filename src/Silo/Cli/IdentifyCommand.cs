using System.Globalization;
using System.Text.Json;
using Sems.Engine.Identification;
using Sems.Forecasting;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems identify --csv FILE --time COLUMN --state COLUMN --input TYPE=COLUMN ... [--disturbance NAME=COLUMN ...]
/// [--id ID] [--band LOWER,UPPER] [--unit TEXT]</c>: fits a first-order state-space demand model (A, B, E) by ridge regression with
/// λ chosen on held-out data, prints ASHRAE Guideline 14 figures of its free run on that data, and the demand block
/// of the district file.
/// </summary>
internal static class IdentifyCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null, time = null, stateColumn = null, unit = null, id = "network";
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
                case "--id" when !string.IsNullOrWhiteSpace(value): id = value; break;
                case "--unit" when !string.IsNullOrWhiteSpace(value): unit = value.Trim(); break;
                case "--input" when value.Split('=') is [var name, var column] && name.Trim().Length > 0 && column.Trim().Length > 0: inputs.Add((name.Trim(), column)); break;
                case "--disturbance" when value.Split('=') is [var name, var column] && name.Trim().Length > 0 && column.Trim().Length > 0: disturbances.Add((name.Trim(), column)); break;
                case "--band":
                    if (OptionValue.Band(option, value, out var bandProblem) is not { } band) return SemsCli.Fail(stderr, $"identify {bandProblem}");
                    (lower, upper) = band;
                    break;
                case "--input" or "--disturbance":
                    return SemsCli.Fail(stderr, $"identify: {option} \"{MessageText.Shorten(value)}\" is not NAME=COLUMN with both parts non-empty");
                case "--id" or "--unit":
                    return SemsCli.Fail(stderr, $"identify: {option} needs a non-empty value");
                default:
                    return SemsCli.Fail(stderr, $"identify: {MessageText.Shorten(option)} is not a known option");
            }
        }

        if (file is null || time is null || stateColumn is null || inputs.Count == 0)
            return SemsCli.Fail(stderr, "identify needs --csv FILE, --time COLUMN, --state COLUMN and at least one --input TYPE=COLUMN");

        if (inputs.Concat(disturbances).GroupBy(n => n.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            return SemsCli.Fail(stderr, $"identify: the name \"{MessageText.Shorten(repeated.Key)}\" is given to more than one --input or --disturbance");

        if (CsvInputFile.Read(file, stderr, out var readFailure) is not { } text) return readFailure;

        var read = CsvSeriesReader.Read(text, time, stateColumn, [.. inputs.Select(i => i.Column), .. disturbances.Select(d => d.Column)]);
        if (read.Data is not { } data)
        {
            stderr.WriteLine($"sems: {MessageText.Shorten(file)} cannot be identified ({read.Problems.Count} problem{(read.Problems.Count == 1 ? "" : "s")}):");
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
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"sems: the fitted model diverges: {e.Message}");
            return 1;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted on {model.TrainingSteps} steps, validated on the last {model.ValidationSteps}; λ = {model.Lambda:G3}"));
        if (!model.IsStable)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sems: the fitted model is unstable: A = {model.A:G6}, and |A| ≥ 1 makes its free run grow without bound; the data do not support a stable first-order model, so no demand block is printed"));
            return 1;
        }

        var unitText = unit ?? $"(units of column {MessageText.Shorten(stateColumn)})";
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"free run on held-out data: NMBE {Percent(model.NmbePercent)}, CV(RMSE) {Percent(model.CvRmsePercent)} (ASHRAE G14 targets ±10 %, ≤ 30 %: {(model.MeetsG14 ? "met" : "NOT met")}), RMSE {model.FreeRunRmse:0.###} {unitText}"));
        var block = DemandBlock.ToJson(model, id, data.Values[^1], lower, upper, "both", 1.0);
        stdout.WriteLine(block.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return model.MeetsG14 ? 0 : 1;
    }

    /// <summary>A G14 statistic in %, or "undefined" (the held-out mean state is 0, or too few held-out steps).</summary>
    private static string Percent(double value) =>
        double.IsFinite(value) ? string.Create(CultureInfo.InvariantCulture, $"{value:0.###} %") : "undefined (held-out mean state is 0 or too few held-out steps)";
}
