namespace Sems.Forecasting.Tests;

public sealed class QuantileCoverageTests
{
    private static BlockForecast Block(double[] actual, double[] predicted, int days) =>
        new(SyntheticPv.Start, days, 0, ForecastMetrics.Score(actual, predicted), new double[24], actual, predicted);

    [Fact]
    public void Coverage_counts_held_out_samples_below_the_quantiles_fitted_by_lead_step()
    {
        // Two leads a day. Fit block: 21 days, residuals at lead 0 are −10 … 10 (one per day), at lead 1 always 0.
        const int fitDays = 21;
        var fitActual = new double[2 * fitDays];
        var fitPredicted = new double[2 * fitDays];
        for (var d = 0; d < fitDays; d++)
        {
            fitPredicted[2 * d] = 100;
            fitActual[2 * d] = 100 + (d - 10);
            fitPredicted[2 * d + 1] = 50;
            fitActual[2 * d + 1] = 50;
        }

        // Type 7 on −10 … 10: q10 = −10 + 0.1·20 = −8, q90 = 8. Score block: lead-0 residuals −9, −8, 0, 8, 9; lead 1
        // has a point distribution and is not scored.
        double[] residuals = [-9, -8, 0, 8, 9];
        var scoreActual = new double[2 * residuals.Length];
        var scorePredicted = new double[2 * residuals.Length];
        for (var d = 0; d < residuals.Length; d++)
        {
            scorePredicted[2 * d] = 10;
            scoreActual[2 * d] = 10 + residuals[d];
            scorePredicted[2 * d + 1] = 5;
            scoreActual[2 * d + 1] = 6;
        }

        var c = ForecastMethodSelector.Coverage(Block(fitActual, fitPredicted, fitDays), Block(scoreActual, scorePredicted, residuals.Length), 2, 0.1, 0.9);
        Assert.NotNull(c);
        Assert.Equal(5, c.Samples);
        Assert.Equal(2.0 / 5, c.LowerCoverage, 12); // −9 and −8 are at or below −8
        Assert.Equal(4.0 / 5, c.UpperCoverage, 12); // all but 9 are at or below 8
        Assert.Equal(16.0, c.MeanIntervalWidth, 12);
    }
}
