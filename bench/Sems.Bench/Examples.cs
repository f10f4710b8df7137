using Sems.Engine.Districts;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Bench;

/// <summary>Loads the example districts copied next to the benchmark assembly (examples/*.json).</summary>
internal static class Examples
{
    public const string HeatNetwork = "heat-network";
    public const string EvPvHub = "ev-pv-hub";
    public const string BoilerCommitment = "boiler-commitment";

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "examples", name + ".json");

    public static District Load(string name) => DistrictReader.Read(File.ReadAllText(Path(name))).GetDistrictOrThrow();

    /// <summary>The example's only subsystem (every example file holds exactly one).</summary>
    public static Subsystem Subsystem(District district) =>
        district.Subsystems.Count == 1 ? district.Subsystems[0] : throw new InvalidOperationException($"expected one subsystem, found {district.Subsystems.Count}");

    /// <summary>Prints the size of the example's model; BenchmarkDotNet copies it into the run log.</summary>
    public static void PrintSize(string name, SubsystemModel model)
    {
        var p = model.Program;
        Console.WriteLine($"// SEMS model size {name}: variables={p.VariableCount} rows={p.RowCount} nonzeros={p.NonZeroCount} integers={(p.HasIntegers ? "yes" : "no")} steps={model.Steps}");
        var affinity = OperatingSystem.IsLinux() || OperatingSystem.IsWindows() ? $"0x{(long)System.Diagnostics.Process.GetCurrentProcess().ProcessorAffinity:x}" : "n/a";
        Console.WriteLine($"// SEMS process: affinity={affinity} ProcessorCount={Environment.ProcessorCount} ServerGC={System.Runtime.GCSettings.IsServerGC}");
    }
}
