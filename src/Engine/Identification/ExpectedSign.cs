namespace Sems.Engine.Identification;

/// <summary>The sign physics demands of an input's coefficient B[q] (see <see cref="SignCheck"/>).</summary>
public enum ExpectedSign
{
    /// <summary>B[q] &gt; 0: more of the input raises the state (heat into a heat network raises its temperature).</summary>
    Positive,

    /// <summary>B[q] &lt; 0: more of the input lowers the state (cooling power into a zone lowers its temperature).</summary>
    Negative,
}
