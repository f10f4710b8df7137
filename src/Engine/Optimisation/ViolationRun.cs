namespace Sems.Engine.Optimisation;

/// <summary>A violation of one constraint group on one side over consecutive steps <see cref="FirstStep"/>…<see cref="LastStep"/>.</summary>
/// <param name="MaxAmount">Largest violation in the run, in the subject's unit.</param>
/// <param name="MinAmount">Smallest violation in the run.</param>
/// <param name="Total">Sum of the violations over the run's steps.</param>
public sealed record ViolationRun(Subject Subject, ViolationSide Side, int FirstStep, int LastStep, double MaxAmount, double MinAmount, double Total);
