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

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null, time = null, target = null, unit = null;
        var features = new List<string>();
        var testDays = 60;
        var seed = 1;
        for (var k = 0; k < args.Length; k++)
        {
            var option = args[k];
            if (k + 1 >= args.Length) return SemsCli.Fail(stderr, $"forecast-eval: {option} needs a value");
            var value = args[++k];
            switch (option)
            {
                case "--csv": file = value; break;
                case "--time": time = value; break;
                case "--target": target = value; break;
                case "--unit": unit = value; break;
                case "--feature": features.Add(value); break;
                case "--test-days":
                    if (OptionValue.WholeNumber(option, value, 1, int.MaxValue, TestDaysRange, out var testProblem) is not { } test) return SemsCli.Fail(stderr, $"forecast-eval {testProblem}");
                    testDays = test;
                    break;
                case "--seed":
                    if (OptionValue.WholeNumber(option, value, 0, int.MaxValue, "from 0 to 2147483647", out var seedProblem) is not { } s) return SemsCli.Fail(stderr, $"forecast-eval {seedProblem}");
                    seed = s;
                    break;
                default:
                    return SemsCli.Fail(stderr, $"forecast-eval: {MessageText.Shorten(option)} is not a known option");
            }
        }

        if (file is null || time is null || target is null) return SemsCli.Fail(stderr, "forecast-eval needs --csv FILE, --time COLUMN and --target COLUMN");
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
