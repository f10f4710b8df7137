namespace Sems.Silo.Cli;

/// <summary>Reads a file named on the command line, or says on stderr why it cannot be read.</summary>
internal static class InputFile
{
    /// <summary>The file's text, or null after printing "cannot read {kind} \"file\": reason".</summary>
    public static string? Read(string file, string kind, TextWriter stderr)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"sems: cannot read {kind} \"{file}\": {e.Message}");
            return null;
        }
    }
}
