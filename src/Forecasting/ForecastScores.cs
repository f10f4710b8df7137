namespace Sems.Forecasting;

/// <summary>Accuracy of a forecast against measurements (see <see cref="ForecastMetrics"/> for the definitions).</summary>
/// <param name="MeanAbsoluteError">MAE, in the unit of the target (e.g. kW).</param>
/// <param name="RootMeanSquareError">RMSE over n samples, in the unit of the target.</param>
/// <param name="NmbePercent">ASHRAE Guideline 14 normalised mean bias error, % (positive: the forecast is too low).</param>
/// <param name="CvRmsePercent">ASHRAE Guideline 14 coefficient of variation of the RMSE, %.</param>
/// <param name="SampleCount">Number of scored samples n.</param>
/// <param name="ParameterCount">The p of the Guideline 14 denominators n − p.</param>
public sealed record ForecastScores(
    double MeanAbsoluteError,
    double RootMeanSquareError,
    double NmbePercent,
    double CvRmsePercent,
    int SampleCount,
    int ParameterCount);
