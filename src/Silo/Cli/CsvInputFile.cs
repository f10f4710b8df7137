using Sems.Forecasting;

namespace Sems.Silo.Cli;

/// <summary>Reads a CSV data file named on the command line as strict UTF-8, or says on stderr why it cannot.</summary>
internal static class CsvInputFile
{
    /// <summary>
    /// The file's text, or null after printing why, with <paramref name="exitCode"/> set to
    /// <see cref="SemsCli.IoFailure"/> when the file cannot be read (missing, no permission) and
    /// <see cref="SemsCli.InvalidInput"/> when its bytes are not UTF-8.
    /// </summary>
    public static string? Read(string file, TextWriter stderr, out int exitCode)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"sems: cannot read data file \"{MessageText.Shorten(file)}\": {e.Message}");
            exitCode = SemsCli.IoFailure;
            return null;
        }

        if (Utf8CsvText.Decode(bytes, out var problem) is { } text)
        {
            exitCode = 0;
            return text;
        }

        stderr.WriteLine($"sems: {MessageText.Shorten(file)}: {problem}");
        exitCode = SemsCli.InvalidInput;
        return null;
    }
}
