namespace Sems.Engine.Identification;

/// <summary>A controlled input that moves with another regressor of the fit (see <see cref="ClosedLoopCheck"/>).</summary>
/// <param name="Input">The energy type of the input u[q][i].</param>
/// <param name="Other">The disturbance's name, or null for the state x[i] the step starts from (the lagged state).</param>
/// <param name="R">Pearson's correlation coefficient of the two over the training steps, in [−1, 1].</param>
public sealed record InputCorrelation(string Input, string? Other, double R);
