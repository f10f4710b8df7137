namespace Sems.Silo.Cli;

/// <summary>Reads a file named on the command line, or says on stderr why it cannot be read.</summary>
internal static class InputFile
{
    /// <summary>Largest input file SEMS reads (districts, scenarios, CSVs): 256 MiB.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>The file's text, or null after printing "cannot read {kind} \"file\": reason".</summary>
    public static string? Read(string file, string kind, TextWriter stderr) =>
        ReadBytes(file, kind, stderr) is { } bytes ? new System.Text.UTF8Encoding(false, false).GetString(bytes) : null;

    /// <summary>The file's bytes, or null after printing "cannot read {kind} \"file\": reason" (an I/O failure: exit 3).</summary>
    public static byte[]? ReadBytes(string file, string kind, TextWriter stderr)
    {
        try
        {
            var length = new FileInfo(file).Length;
            if (length > MaxBytes)
            {
                stderr.WriteLine($"sems: cannot read {kind} \"{file}\": it has {length} bytes, more than the {MaxBytes} bytes (256 MiB) SEMS reads");
                return null;
            }

            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"sems: cannot read {kind} \"{file}\": {e.Message}");
            return null;
        }
    }
}
