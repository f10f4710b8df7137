using Sems.Engine.Districts;
using Sems.Engine.Model;

namespace Sems.Silo.Cli;

/// <summary>Reads a district file from disk once, printing warnings and every validation error to stderr.</summary>
internal static class DistrictLoader
{
    /// <summary>The district and the text it was read from (for the grains, which take the contract's JSON), or null.</summary>
    public static (District District, string Json)? Load(string file, TextWriter stderr)
    {
        if (InputFile.Read(file, "district file", stderr) is not { } text) return null;
        var read = DistrictReader.Read(text);
        foreach (var warning in read.Warnings) stderr.WriteLine($"warning: {file}: {warning}");
        if (read.IsValid) return (read.District!, text);
        stderr.WriteLine($"sems: {file} is not a valid district file ({read.Errors.Count} problem{(read.Errors.Count == 1 ? "" : "s")}):");
        foreach (var error in read.Errors) stderr.WriteLine($"  {error}");
        return null;
    }
}
