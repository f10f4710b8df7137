namespace Sems.Engine.Model;

/// <summary>
/// The character set of every id and name in a district file (subsystems, assets, grid nodes, resources, energy types,
/// factors, disturbances): 1 to 64 ASCII letters, digits, '-', '_' or '.', starting with a letter or a digit. Ids name
/// files, LP variables and grain keys, so nothing outside this set (no separator, no "..", no control character) is let in.
/// </summary>
public static class Identifier
{
    public const int MaxLength = 64;

    /// <summary>The rule as it is written in error messages and the contract.</summary>
    public const string Rule = "is not an id: 1–64 ASCII letters, digits, '-', '_' or '.', starting with a letter or a digit";

    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !char.IsAsciiLetterOrDigit(text[0])) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.')) return false;
        }

        return true;
    }
}
