using System.CommandLine;
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
    public const string Notes = """
        --band: two finite numbers, LO ≤ UP (default 60,75); --unit: the state's unit in the output (e.g. °C).
        Exit code 1 when the G14 targets are not met or the fitted model is unstable (|A| ≥ 1). CSV files are read as
        UTF-8 (times 1900–2199, steps of whole minutes up to 1 h). Exit code 2 for invalid data or options, 3 when the
        file cannot be read.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var csv = CliOptions.Text("--csv", "The CSV file of the measurements (UTF-8).", "FILE", required: true);
        var time = CliOptions.Text("--time", "The column of timestamps.", "COLUMN", required: true);
        var state = CliOptions.Text("--state", "The column of the state (e.g. the network's temperature).", "COLUMN", required: true);
        var inputs = Pairs("--input", "TYPE=COLUMN", "A controlled input: its energy type and its column; repeat for more.");
        inputs.Required = true;
        var disturbances = Pairs("--disturbance", "NAME=COLUMN", "A disturbance: its name and its column; repeat for more.");
        var id = CliOptions.Text("--id", "The demand's id in the printed block.", "ID");
        id.DefaultValueFactory = _ => "network";
        var band = new Option<(double Lower, double Upper)>("--band")
        {
            Description = "The comfort band LO,UP of the state.",
            HelpName = "LO,UP",
            DefaultValueFactory = _ => (60, 75),
            CustomParser = result =>
            {
                if (OptionValue.Band("--band", CliOptions.Single(result), out var problem) is { } value) return value;
                result.AddError(problem!);
                return default;
            },
        };
        var unit = CliOptions.Text("--unit", "The state's unit in the output (e.g. °C).", "TEXT");
        var command = new Command("identify",
            "Fits a first-order state-space demand model by ridge regression (λ chosen on held-out data), prints its ASHRAE G14 figures and the district file's demand block.")
        {
            csv, time, state, inputs, disturbances, id, band, unit,
        };
        command.SetAction(result =>
        {
            var (lower, upper) = result.GetValue(band);
            return Run(result.GetRequiredValue(csv), result.GetRequiredValue(time), result.GetRequiredValue(state),
                result.GetValue(inputs) ?? [], result.GetValue(disturbances) ?? [], result.GetRequiredValue(id),
                lower, upper, result.GetValue(unit)?.Trim(), stdout, stderr);
        });
        return command;
    }

    /// <summary>A repeatable NAME=COLUMN option; a value without both parts is a parse error.</summary>
    private static Option<(string Name, string Column)[]> Pairs(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Arity = ArgumentArity.ZeroOrMore,
        CustomParser = result =>
        {
            var pairs = new List<(string, string)>();
            foreach (var token in result.Tokens)
            {
                if (token.Value.Split('=') is [var left, var column] && left.Trim().Length > 0 && column.Trim().Length > 0) pairs.Add((left.Trim(), column));
                else result.AddError($"{name}: \"{MessageText.Shorten(token.Value)}\" is not {helpName} with both parts non-empty");
            }

            return [.. pairs];
        },
    };

    private static int Run(string file, string time, string stateColumn, IReadOnlyList<(string Name, string Column)> inputs, IReadOnlyList<(string Name, string Column)> disturbances,
        string id, double lower, double upper, string? unit, TextWriter stdout, TextWriter stderr)
    {
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
