using System.Text;
using Sems.Engine.Districts;
using Sems.Engine.Model;

namespace Sems.Silo.Cli;

/// <summary>Reads a district file from disk once, printing warnings and every validation error to stderr.</summary>
internal static class DistrictLoader
{
    /// <summary>The district and the text it was read from (for the grains, which take the contract's JSON), or null.</summary>
    public static (District District, string Json)? Load(string file, TextWriter stderr) => Load(file, stderr, out _);

    /// <summary>
    /// The district and its text, or null with <paramref name="exitCode"/> set: <see cref="SemsCli.IoFailure"/> when the
    /// file cannot be read, <see cref="SemsCli.InvalidInput"/> when it is not a valid district file.
    /// </summary>
    public static (District District, string Json)? Load(string file, TextWriter stderr, out int exitCode)
    {
        exitCode = SemsCli.IoFailure;
        if (InputFile.ReadBytes(file, "district file", stderr) is not { } bytes) return null;
        exitCode = SemsCli.InvalidInput;
        var read = DistrictReader.Read(bytes);
        foreach (var warning in read.Warnings.Take(ProblemList.MaxShown)) stderr.WriteLine($"warning: {file}: {warning}");
        if (read.Warnings.Count > ProblemList.MaxShown) stderr.WriteLine($"warning: {file}: … and {read.Warnings.Count - ProblemList.MaxShown} more warnings");
        if (read.IsValid)
        {
            exitCode = 0;
            var text = Encoding.UTF8.GetString(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(3) : bytes);
            return (read.District!, text);
        }

        stderr.WriteLine($"sems: {file} is not a valid district file ({read.Errors.Count} problem{(read.Errors.Count == 1 ? "" : "s")}):");
        ProblemList.Write(stderr, read.Errors);
        return null;
    }
}
