namespace Sems.Engine.Optimisation;

/// <summary>Which side of a constraint had to give: the expression fell below its lower bound, or rose above its upper bound.</summary>
public enum ViolationSide
{
    Below,
    Above,
}
