namespace Sems.Engine.Model;

/// <summary>The set-point band sp^lo..sp^up of a state-space output (eqs. 16–17).</summary>
public sealed record Band(Series Lower, Series Upper, BandSide Sided);
