using System.Globalization;
using System.Text;
using System.Text.Json;
using Sems.Forecasting;
using Sems.Forecasting.Probabilistic;

namespace Sems.Silo.Cli;

/// <summary>
/// The output of <c>sems forecast-eval</c>: a table of every method's validation and test accuracy with the default
/// chosen on the validation block, a compact table of test MAE by lead hour (hours as rows, methods as columns), or
/// all of it as one JSON object (<c>--json</c>; MAE, RMSE in the unit of the target, NMBE and CV(RMSE) in %).
/// </summary>
internal static class ForecastEvalOutput
{
    private const int MethodWidth = 22;

    public static void WriteTable(TextWriter w, SeriesSelection s, string unitText)
    {
        var inv = CultureInfo.InvariantCulture;
        var baseline = s.Baseline;
        w.WriteLine($"{"method",-MethodWidth}{"valid. MAE",12}{"vs naive",10}{"test MAE",12}{"vs naive",10}{"test RMSE",12}{"NMBE %",9}{"CV(RMSE) %",12}");
        foreach (var m in s.Methods)
        {
            var mark = m.Method == s.ChosenMethod ? "*" : m.Eligible ? " " : "-";
            var name = (mark + m.Method).PadRight(MethodWidth);
            if (m.Validation is null || m.Test is null)
            {
                w.WriteLine($"{name}  could not be evaluated: {m.Failure}");
                continue;
            }

            var v = m.Validation.Scores;
            var t = m.Test.Scores;
            w.WriteLine(string.Create(inv,
                $"{name}{v.MeanAbsoluteError,12:0.###}{Change(v.MeanAbsoluteError, baseline.Validation!.Scores.MeanAbsoluteError),10}{t.MeanAbsoluteError,12:0.###}{Change(t.MeanAbsoluteError, baseline.Test!.Scores.MeanAbsoluteError),10}{t.RootMeanSquareError,12:0.###}{t.NmbePercent,9:0.0}{t.CvRmsePercent,12:0.0}"));
        }

        var chosen = s.Chosen;
        var cMae = chosen.Test!.Scores.MeanAbsoluteError;
        var nMae = baseline.Test!.Scores.MeanAbsoluteError;
        var verdict = cMae < nMae ? "beats" : cMae > nMae ? "does not beat" : "ties with";
        w.WriteLine(string.Create(inv,
            $"default (* chosen on the validation block, never on the test block): {s.ChosenMethod}; on the test block its MAE {cMae:0.###} {unitText} {verdict} {s.BaselineMethod}'s {nMae:0.###} {unitText} ({Change(cMae, nMae).Trim()})."));
        if (chosen.Coverage is { } c)
        {
            w.WriteLine(string.Create(inv,
                $"default's {c.LowerProbability:0%} and {c.UpperProbability:0%} quantiles (residuals by lead step fitted on the validation block): on the test block {c.LowerCoverage:0.0%} and {c.UpperCoverage:0.0%} of {c.Samples} measured samples lie at or below them; mean width {c.MeanIntervalWidth:0.###} {unitText}."));
        }
        else
        {
            w.WriteLine("default's quantiles: too few validation residuals to fit them.");
        }

        if (chosen.AdaptiveCoverage is { } ac)
        {
            var t = ac.Test;
            w.WriteLine(string.Create(inv,
                $"default's {t.LowerProbability:0%} and {t.UpperProbability:0%} quantiles issued day by day from the days before each ({ac.Settings}; chosen on the validation block, where they cover {ac.Validation.LowerCoverage:0.0%} and {ac.Validation.UpperCoverage:0.0%}): on the test block {t.LowerCoverage:0.0%} and {t.UpperCoverage:0.0%} of {t.Samples} measured samples lie at or below them; mean width {t.MeanIntervalWidth:0.###} {unitText}."));
        }

        if (s.Methods.Any(m => !m.Eligible))
        {
            w.WriteLine($"- not eligible as a default (scored for comparison): {string.Join(", ", s.Methods.Where(m => !m.Eligible).Select(m => m.Method))}.");
        }

        w.WriteLine();
        var scored = s.Methods.Where(m => m.Test is not null).ToList();
        w.WriteLine($"test MAE by lead hour ({unitText}; hour 1 is the first hour after the forecast's midnight):");
        var header = new StringBuilder("hour");
        foreach (var m in scored) header.Append(' ').Append(Short(m.Method).PadLeft(10));
        w.WriteLine(header.ToString());
        for (var h = 0; h < ForecastMethodSelector.LeadHours; h++)
        {
            var line = new StringBuilder((h + 1).ToString(inv).PadLeft(4));
            foreach (var m in scored) line.Append(' ').Append(Number(m.Test!.MaeByLeadHour[h]).PadLeft(10));
            w.WriteLine(line.ToString());
        }
    }

    public static string Json(SeriesSelection s, string file, string target, string? unit, TimeSeriesData data, string weather)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteString("target", target);
            if (unit is null) w.WriteNull("unit");
            else w.WriteString("unit", unit);
            w.WriteNumber("stepMinutes", data.Step.TotalMinutes);
            w.WriteString("weather", weather);
            w.WriteNumber("trainingDays", s.TrainingDays);
            w.WriteNumber("validationDays", s.ValidationDays);
            w.WriteNumber("testDays", s.TestDays);
            w.WriteString("validationStart", s.ValidationStart.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("testStart", s.TestStart.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("baseline", s.BaselineMethod);
            w.WriteString("chosen", s.ChosenMethod);
            WriteNumber(w, "chosenValidationMae", s.Chosen.Validation!.Scores.MeanAbsoluteError);
            WriteNumber(w, "baselineValidationMae", s.Baseline.Validation!.Scores.MeanAbsoluteError);
            WriteNumber(w, "chosenTestMae", s.Chosen.Test!.Scores.MeanAbsoluteError);
            WriteNumber(w, "baselineTestMae", s.Baseline.Test!.Scores.MeanAbsoluteError);
            Coverage(w, "chosenCoverage", s.Chosen.Coverage);
            Adaptive(w, "chosenAdaptiveCoverage", s.Chosen.AdaptiveCoverage);
            w.WriteStartArray("methods");
            foreach (var m in s.Methods)
            {
                w.WriteStartObject();
                w.WriteString("method", m.Method);
                w.WriteString("name", m.ForecasterName);
                w.WriteBoolean("eligible", m.Eligible);
                if (m.Failure is not null) w.WriteString("failure", m.Failure);
                Block(w, "validation", m.Validation);
                Block(w, "test", m.Test);
                Coverage(w, "coverage", m.Coverage);
                Adaptive(w, "adaptiveCoverage", m.AdaptiveCoverage);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Block(Utf8JsonWriter w, string name, BlockForecast? b)
    {
        if (b is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("firstDay", b.FirstDay.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("days", b.Days);
        w.WriteNumber("skippedDays", b.SkippedDays);
        w.WriteNumber("samples", b.Scores.SampleCount);
        WriteNumber(w, "mae", b.Scores.MeanAbsoluteError);
        WriteNumber(w, "rmse", b.Scores.RootMeanSquareError);
        WriteNumber(w, "nmbePercent", b.Scores.NmbePercent);
        WriteNumber(w, "cvRmsePercent", b.Scores.CvRmsePercent);
        w.WriteStartArray("maeByLeadHour");
        foreach (var v in b.MaeByLeadHour)
        {
            if (double.IsFinite(v)) w.WriteNumberValue(Math.Round(v, 6));
            else w.WriteNullValue();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Coverage(Utf8JsonWriter w, string name, QuantileCoverage? c)
    {
        if (c is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("lowerProbability", c.LowerProbability);
        w.WriteNumber("upperProbability", c.UpperProbability);
        WriteNumber(w, "lowerCoverage", c.LowerCoverage);
        WriteNumber(w, "upperCoverage", c.UpperCoverage);
        w.WriteNumber("samples", c.Samples);
        WriteNumber(w, "meanIntervalWidth", c.MeanIntervalWidth);
        w.WriteEndObject();
    }

    private static void Adaptive(Utf8JsonWriter w, string name, AdaptiveQuantileCoverage? c)
    {
        if (c is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("windowDays", c.Settings.WindowDays);
        w.WriteNumber("gamma", c.Settings.Gamma);
        w.WriteBoolean("scaleByForecast", c.Settings.ScaleByForecast);
        Coverage(w, "validation", c.Validation);
        Coverage(w, "test", c.Test);
        w.WriteEndObject();
    }

    /// <summary>A finite number, or null (JSON has no NaN).</summary>
    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 6));
        else w.WriteNull(name);
    }

    private static string Change(double mae, double naive) =>
        naive > 0 ? (mae / naive - 1).ToString("+0.0 %;-0.0 %;0.0 %", CultureInfo.InvariantCulture) : "";

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-";

    /// <summary>A column head of at most 10 characters for a catalog method name.</summary>
    private static string Short(string method) => method switch
    {
        "seasonal-naive" => "naive",
        "day-prototype-gb" => "proto-GB",
        "day-prototype-rf" => "proto-RF",
        "regression-fasttree" => "reg-FT",
        "regression-lightgbm" => "reg-LGBM",
        "regression-level" => "reg-level",
        "pv-clear-sky" => "pv-cs",
        "pv-regression" => "pv-reg",
        "seasonal-median" => "median",
        _ => method.Length <= 10 ? method : method[..10],
    };
}
