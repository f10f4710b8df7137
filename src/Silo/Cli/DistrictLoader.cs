using Sems.Engine.Districts;
using Sems.Engine.Model;

namespace Sems.Silo.Cli;

/// <summary>Reads a district file from disk, printing warnings and every validation error to stderr.</summary>
internal static class DistrictLoader
{
    public static District? Load(string file, TextWriter stderr)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"sems: cannot read district file \"{file}\": {e.Message}");
            return null;
        }

        var read = DistrictReader.Read(text);
        foreach (var warning in read.Warnings) stderr.WriteLine($"warning: {file}: {warning}");
        if (read.IsValid) return read.District;
        stderr.WriteLine($"sems: {file} is not a valid district file ({read.Errors.Count} problem{(read.Errors.Count == 1 ? "" : "s")}):");
        foreach (var error in read.Errors) stderr.WriteLine($"  {error}");
        return null;
    }
}
