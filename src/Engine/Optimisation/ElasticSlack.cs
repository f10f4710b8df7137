namespace Sems.Engine.Optimisation;

/// <summary>One slack of an <see cref="ElasticProgram"/>: how far a row or bound of <paramref name="Subject"/> at a step is violated on one side.</summary>
public sealed record ElasticSlack(int Variable, Subject Subject, int Step, ViolationSide Side);
