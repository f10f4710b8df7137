namespace Sems.Engine.Identification;

/// <summary>How one candidate λ did on the held-out part (root-mean-square errors in the state's unit, e.g. K).</summary>
/// <param name="Lambda">The candidate penalty.</param>
/// <param name="FreeRunRmse">RMSE of the free-run (simulation) prediction, the selection criterion; +∞ if it diverged.</param>
/// <param name="OneStepRmse">RMSE of the one-step-ahead prediction from each measured state, for comparison.</param>
public sealed record LambdaScore(double Lambda, double FreeRunRmse, double OneStepRmse);
