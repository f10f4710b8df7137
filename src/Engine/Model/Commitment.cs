namespace Sems.Engine.Model;

/// <summary>Unit commitment of a supply: on/off, minimum output when on, minimum up and down times, start cost.</summary>
/// <param name="MinOn">kW of each conversion's resource drawn at least while on.</param>
/// <param name="StartCost">Added to the objective under φ_nrg for every start.</param>
/// <param name="InitiallyOn">State before step 0.</param>
/// <param name="InitialSteps">How many steps the unit has already been in that state before step 0.</param>
public sealed record Commitment(Series MinOn, int MinUpSteps, int MinDownSteps, double StartCost, bool InitiallyOn, int InitialSteps)
{
    public const int LongAgo = 1_000_000;
}
