namespace Sems.Engine.Model;

/// <summary>Which deviations from the band are penalised.</summary>
public enum BandSide
{
    Both,
    Lower,
    Upper,
}
