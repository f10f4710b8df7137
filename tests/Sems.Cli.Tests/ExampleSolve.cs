using System.Text.Json;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems solve EXAMPLE --json --csv DIR</c> run once: the run, the example file as written, and the CSV folder.
/// </summary>
public sealed record ExampleSolve(string Name, CliRun Run, JsonElement District, string CsvDirectory)
{
    /// <summary>The example's only (first) subsystem as written in the file.</summary>
    public JsonElement Subsystem => District.GetProperty("subsystems")[0];

    public string SubsystemId => Subsystem.GetProperty("id").GetString()!;

    /// <summary>The JSON result of the example's first subsystem.</summary>
    public JsonElement Result => Run.Subsystem(SubsystemId);

    public int N => ExampleFile.HorizonSteps(District);

    public double Dt => ExampleFile.StepHours(District);

    public double[] Draw(string resource) => ExampleFile.Doubles(Result.GetProperty("draw").GetProperty(resource));

    /// <summary>v of conversion <paramref name="conversion"/> of supply <paramref name="supplyId"/>.</summary>
    public double[] SupplyDraw(string supplyId, int conversion = 0) =>
        ExampleFile.Doubles(Result.GetProperty("supplies").GetProperty(supplyId)[conversion].GetProperty("v"));

    public double[] Store(string storeId, string trajectory) =>
        ExampleFile.Doubles(Result.GetProperty("stores").GetProperty(storeId).GetProperty(trajectory));

    /// <summary>The supply of the example file with this id.</summary>
    public JsonElement SupplyInFile(string supplyId) =>
        Subsystem.GetProperty("supplies").EnumerateArray().Single(s => s.GetProperty("id").GetString() == supplyId);

    public JsonElement StoreInFile(string storeId) =>
        Subsystem.GetProperty("stores").EnumerateArray().Single(s => s.GetProperty("id").GetString() == storeId);
}
