using System.Diagnostics;
using System.Globalization;
using Sems.Engine.Districts;
using Sems.Engine.Mpc;

namespace Sems.Bench.Coordination;

/// <summary>
/// <c>--write FILE</c>: writes a generated district, reads the file back with <see cref="DistrictReader"/> and prints
/// the file's size, the time to generate and to read it, the reader's errors and warnings, the subsystems per grid
/// node, and per kind (the id's prefix) the subsystems and their model sizes (every subsystem's model is built).
/// Exits 1 when the file does not read.
/// </summary>
public static class DistrictFileCheck
{
    public static int Run(string json, string path, double generateSeconds)
    {
        ArgumentNullException.ThrowIfNull(json);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, json);
        var bytes = new FileInfo(path).Length;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"{path}: {bytes / 1048576.0:0.0} MB ({bytes:N0} bytes), generated in {generateSeconds:0.00} s"));
        var clock = Stopwatch.StartNew();
        var read = DistrictReader.Read(File.ReadAllText(path));
        Console.WriteLine(string.Create(inv, $"read in {clock.Elapsed.TotalSeconds:0.00} s: {read.Errors.Count} errors, {read.Warnings.Count} warnings"));
        foreach (var problem in read.Errors.Take(10)) Console.WriteLine($"  error: {problem}");
        foreach (var warning in read.Warnings.GroupBy(w => w.Rule).Take(10)) Console.WriteLine($"  warning ×{warning.Count()}: {warning.First()}");
        if (!read.IsValid) return 1;

        var district = read.District!;
        var nodes = district.Subsystems.GroupBy(s => s.Node ?? "(root)").Select(g => g.Count()).ToList();
        Console.WriteLine(string.Create(inv,
            $"{district.Subsystems.Count} subsystems on {nodes.Count} node(s), {nodes.Min()}–{nodes.Max()} per node; grid as read: {district.Grid.Nodes.Count} node(s)"));
        clock.Restart();
        var sizes = district.Subsystems.Select(s => (Kind: s.Id[..Math.Max(0, s.Id.IndexOf('-', StringComparison.Ordinal))], SubsystemModelBuilder.Build(district, s).Program))
            .Select(b => (b.Kind, b.Program.VariableCount, b.Program.RowCount, b.Program.NonZeroCount)).ToList();
        Console.WriteLine(string.Create(inv, $"built every model in {clock.Elapsed.TotalSeconds:0.00} s"));
        foreach (var kind in sizes.GroupBy(s => s.Kind))
        {
            Console.WriteLine(string.Create(inv,
                $"  {kind.Key}: {kind.Count()} subsystems, variables {kind.Min(s => s.VariableCount)}–{kind.Max(s => s.VariableCount)} (total {kind.Sum(s => (long)s.VariableCount):N0}), rows {kind.Min(s => s.RowCount)}–{kind.Max(s => s.RowCount)}, non-zeros {kind.Min(s => s.NonZeroCount)}–{kind.Max(s => s.NonZeroCount)}"));
        }

        Console.WriteLine(string.Create(inv, $"  all: {sizes.Sum(s => (long)s.VariableCount):N0} variables, {sizes.Sum(s => (long)s.RowCount):N0} rows, {sizes.Sum(s => (long)s.NonZeroCount):N0} non-zeros"));
        return 0;
    }
}
