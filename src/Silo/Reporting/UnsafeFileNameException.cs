namespace Sems.Silo.Reporting;

/// <summary>
/// A name meant as one file or folder name under an output folder is not one: it is empty, "." or "..", rooted, holds a
/// path separator, NUL or another control character, or would resolve outside the output folder.
/// </summary>
public sealed class UnsafeFileNameException(string name, string reason)
    : IOException($"\"{Escape(name)}\" is not a plain file name ({reason})")
{
    /// <summary>The rejected name.</summary>
    public string Name { get; } = name;

    private static string Escape(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
