using Sems.Engine.Market;

namespace Sems.Silo.Cli;

/// <summary>Reads a community file from disk, printing its warnings and every validation error to stderr.</summary>
internal static class CommunityLoader
{
    /// <summary>
    /// The community, or null with <paramref name="exitCode"/> set: <see cref="SemsCli.IoFailure"/> when the file cannot
    /// be read, <see cref="SemsCli.InvalidInput"/> when it is not a valid community file.
    /// </summary>
    public static Community? Load(string file, TextWriter stderr, out int exitCode)
    {
        exitCode = SemsCli.IoFailure;
        if (InputFile.ReadBytes(file, "community file", stderr) is not { } bytes) return null;
        exitCode = SemsCli.InvalidInput;
        var read = CommunityReader.Read(bytes, file);
        foreach (var warning in read.Warnings.Take(ProblemList.MaxShown)) stderr.WriteLine($"warning: {file}: {warning}");
        if (read.Warnings.Count > ProblemList.MaxShown) stderr.WriteLine($"warning: {file}: … and {read.Warnings.Count - ProblemList.MaxShown} more warnings");
        if (read.IsValid)
        {
            exitCode = 0;
            return read.Community!;
        }

        stderr.WriteLine($"sems: {file} is not a valid community file ({read.Errors.Count} problem{(read.Errors.Count == 1 ? "" : "s")}):");
        ProblemList.Write(stderr, read.Errors);
        return null;
    }
}
