namespace Sems.Forecasting;

/// <summary>Keeps text echoed from an input file or the command line into a message short.</summary>
public static class MessageText
{
    /// <summary>Most characters of a value or line quoted in a message; longer text is cut and ends in "…".</summary>
    public const int MaxQuoted = 200;

    /// <summary><paramref name="text"/>, or its first <see cref="MaxQuoted"/> characters followed by "…".</summary>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxQuoted) return text;
        var cut = char.IsHighSurrogate(text[MaxQuoted - 1]) ? MaxQuoted - 1 : MaxQuoted;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
