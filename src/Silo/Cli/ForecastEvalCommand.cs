using System.CommandLine;
using System.Globalization;
using Sems.Forecasting;
using Sems.Grains;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems forecast-eval --csv FILE --time COLUMN --target COLUMN [--feature COLUMN ...] [--test-days 60]</c>:
/// trains every forecasting method on everything before the last test days and prints day-ahead accuracy per method,
/// in the unit of the target, with the gaps and zero runs it skipped.
/// </summary>
internal static class ForecastEvalCommand
{
    /// <summary>Days before the test days that the methods train on, at least.</summary>
    private const int MinimumTrainingDays = 21;

    private const string TestDaysRange = "from 1 to the number of days in the file";

    public const string Notes = """
        --test-days from 1 to the file's days minus 21 (the least training). CSV files are read as UTF-8 (times 1900–2199,
        steps of whole minutes up to 1 h). Exit code 2 for invalid data or options, 3 when the file cannot be read.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var csv = CliOptions.Text("--csv", "The hourly or sub-hourly CSV file (UTF-8).", "FILE", required: true);
        var time = CliOptions.Text("--time", "The column of timestamps.", "COLUMN", required: true);
        var target = CliOptions.Text("--target", "The column to forecast.", "COLUMN", required: true);
        var features = new Option<string[]>("--feature") { Description = "A column of an explanatory variable; repeat for more.", HelpName = "COLUMN", Arity = ArgumentArity.ZeroOrMore };
        var testDays = CliOptions.WholeNumber("--test-days", "The last days to forecast day-ahead.", 60, 1, int.MaxValue, TestDaysRange);
        var seed = CliOptions.WholeNumber("--seed", "Seed of the learned methods, from 0 to 2147483647.", 1, 0, int.MaxValue, "from 0 to 2147483647");
        var unit = new Option<string>("--unit") { Description = "The target's unit in the output (e.g. kW).", HelpName = "TEXT" };
        var command = new Command("forecast-eval",
            "Day-ahead accuracy (MAE, RMSE, NMBE, CV(RMSE)) of every forecasting method on the last test days of any hourly or sub-hourly CSV, trained on everything before them; reports the gaps and zero runs it skipped.")
        {
            csv, time, target, features, testDays, seed, unit,
        };
        command.SetAction(result => Run(
            result.GetRequiredValue(csv), result.GetRequiredValue(time), result.GetRequiredValue(target), result.GetValue(features) ?? [],
            result.GetValue(testDays), result.GetValue(seed), result.GetValue(unit), stdout, stderr));
        return command;
    }

    private static int Run(string file, string time, string target, IReadOnlyList<string> features, int testDays, int seed, string? unit, TextWriter stdout, TextWriter stderr)
    {
        if (CsvInputFile.Read(file, stderr, out var readFailure) is not { } text) return readFailure;

        var read = CsvSeriesReader.Read(text, time, target, features);
        foreach (var note in read.Notes) stderr.WriteLine($"note: {note}");
        if (read.Data is null)
        {
            stderr.WriteLine($"sems: {file} cannot be evaluated ({read.Problems.Count} problem{(read.Problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in read.Problems) stderr.WriteLine($"  {problem}");
            return SemsCli.InvalidInput;
        }

        var data = read.Data;
        var days = data.Count / data.StepsPerDay;
        if (testDays > days - MinimumTrainingDays)
        {
            stderr.WriteLine($"sems: forecast-eval --test-days: {testDays} is more than {Path.GetFileName(file)} allows: it holds {days} days and at least {MinimumTrainingDays} must remain to train on, so --test-days must be {TestDaysRange} minus {MinimumTrainingDays} (here at most {days - MinimumTrainingDays})");
            return SemsCli.InvalidInput;
        }

        var unitText = unit ?? "units of the target";
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(file)}: {target}, {data.Count} samples of {data.Step.TotalMinutes:0} min from {data.Start:yyyy-MM-dd}; day-ahead forecasts of the last {testDays} days, trained on the {days - testDays} before"));
        stdout.WriteLine($"{"method",-48}{"MAE",12}{"RMSE",12}{"NMBE %",10}{"CV(RMSE) %",12}{"vs naive MAE",14}");
        double? naive = null;
        foreach (var method in ForecasterCatalog.Methods)
        {
            var forecaster = ForecasterCatalog.Create(method, seed);
            ForecastEvaluation evaluation;
            try
            {
                evaluation = ForecastMetrics.Evaluate(forecaster, data, testDays);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                stdout.WriteLine($"{forecaster.Name,-48}  could not be evaluated: {e.Message}");
                continue;
            }

            var s = evaluation.Scores;
            naive ??= s.MeanAbsoluteError;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{forecaster.Name,-48}{s.MeanAbsoluteError,12:0.###}{s.RootMeanSquareError,12:0.###}{s.NmbePercent,10:0.0}{s.CvRmsePercent,12:0.0}{(s.MeanAbsoluteError / naive.Value - 1),14:+0.0 %;-0.0 %;0.0 %}"));
        }

        stdout.WriteLine($"MAE and RMSE in {unitText}; NMBE and CV(RMSE) per ASHRAE Guideline 14, %.");
        return 0;
    }
}
