using System.Globalization;
using Sems.Engine.Identification;
using Sems.Forecasting;

namespace Sems.Silo.Cli;

/// <summary>
/// The words of <c>sems identify</c>'s report: the three blocks' spans, a wrong-signed coefficient as a sentence
/// about what the model claims, and a closed-loop warning naming the pair and its r.
/// </summary>
internal static class IdentifyReport
{
    private static readonly string[] TemperatureUnits = ["°C", "K", "°F", "degC", "degF"];

    /// <summary>"fit 2022-01-01 00:00 – 2022-01-19 00:00 (432 steps)": the block of steps [from, to).</summary>
    public static string Span(string name, TimeSeriesData data, int from, int to) =>
        $"{name} {Time(data.TimeAt(from))} – {Time(data.TimeAt(to))} ({to - from} steps)";

    /// <summary>
    /// A wrong-signed coefficient in words, e.g. "more heat makes the network colder: B[heat] = −0.0004 °C per kW per
    /// step; expected &gt; 0".
    /// </summary>
    public static string Sign(SignViolation violation, string id, string stateColumn, string unitText, bool temperature)
    {
        if (violation.Input is not { } input)
        {
            return $"the {id}'s {stateColumn} does not carry over from one step to the next as a store's does: A = {Number(violation.Value)} " +
                "in x[i+1] = A·x[i] + …; expected 0 < A < 1";
        }

        var effect = violation.Value == 0.0
            ? $"more {input} does not change the {id}'s {stateColumn}"
            : violation.Value < 0.0
                ? (temperature ? $"more {input} makes the {id} colder" : $"more {input} lowers the {id}'s {stateColumn}")
                : (temperature ? $"more {input} makes the {id} warmer" : $"more {input} raises the {id}'s {stateColumn}");
        var expected = violation.Expected == ExpectedSign.Positive ? "> 0" : "< 0";
        return $"{effect}: B[{input}] = {Number(violation.Value)} {unitText} per kW per step; expected {expected}";
    }

    /// <summary>The closed-loop warning for one correlated pair.</summary>
    public static string ClosedLoop(InputCorrelation pair, string stateColumn)
    {
        var other = pair.Other is { } name ? $"the disturbance {name}" : $"the state {stateColumn} at the start of the step";
        var coefficient = pair.Other is { } d ? $"E[{d}]" : "A";
        return $"the data are closed-loop: {pair.Input} moves with {other} (r = {Number(Math.Round(pair.R, 3))}, |r| > {Number(ClosedLoopCheck.DefaultLimit)} " +
            $"over the fit block), so the regression cannot tell their effects apart and B[{pair.Input}] and {coefficient} may have any size or sign; " +
            $"identify from data in which {pair.Input} varies on its own (an open-loop test, or a dither added to the controller's output)";
    }

    /// <summary>Whether the unit names a temperature, so that "colder" and "warmer" are the right words.</summary>
    public static bool IsTemperature(string? unit) => unit is { } u && TemperatureUnits.Contains(u, StringComparer.Ordinal);

    /// <summary>Four significant digits, a negative value with the minus sign (−).</summary>
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture).Replace('-', '−');

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) +
        (time.Offset == TimeSpan.Zero ? " UTC" : time.ToString(" zzz", CultureInfo.InvariantCulture));
}
