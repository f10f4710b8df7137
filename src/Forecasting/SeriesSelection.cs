namespace Sems.Forecasting;

/// <summary>
/// Outcome of <see cref="ForecastMethodSelector.Evaluate"/> on one series: three blocks of whole days (train,
/// validation, test, in that order), every method's scores and the default chosen on the validation block alone.
/// </summary>
/// <param name="TrainingDays">Whole days before the validation block, the only ones every method is trained on for
/// the validation block (for the test block it is trained again on these and the validation days).</param>
/// <param name="ValidationDays">Days of the validation block, immediately before the test block.</param>
/// <param name="TestDays">Days of the test block, the last of the series.</param>
/// <param name="ValidationStart">Midnight at which the validation block begins.</param>
/// <param name="TestStart">Midnight at which the test block begins.</param>
/// <param name="BaselineMethod">The method to beat (seasonal naive).</param>
/// <param name="ChosenMethod">The default: the eligible method with the lowest validation MAE among those below the
/// baseline's validation MAE, else the baseline.</param>
/// <param name="Methods">Every candidate's scores, in the order given.</param>
public sealed record SeriesSelection(
    int TrainingDays,
    int ValidationDays,
    int TestDays,
    DateTimeOffset ValidationStart,
    DateTimeOffset TestStart,
    string BaselineMethod,
    string ChosenMethod,
    IReadOnlyList<MethodSelectionScores> Methods)
{
    /// <summary>The scores of <paramref name="method"/>.</summary>
    public MethodSelectionScores this[string method] =>
        Methods.FirstOrDefault(m => m.Method == method) ?? throw new ArgumentException($"method: \"{method}\" was not evaluated.", nameof(method));

    /// <summary>The chosen method's scores.</summary>
    public MethodSelectionScores Chosen => this[ChosenMethod];

    /// <summary>The baseline's scores.</summary>
    public MethodSelectionScores Baseline => this[BaselineMethod];
}
