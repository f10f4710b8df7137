namespace Sems.Cli.Tests;

/// <summary>Class fixture: solves each example at most once per test class (lazily), with --json and --csv.</summary>
public sealed class SolvedExamples : IDisposable
{
    private readonly TempDirectory csvRoot = new();
    private readonly Dictionary<string, Lazy<ExampleSolve>> solves;

    public SolvedExamples()
    {
        solves = new[] { ExampleFile.HeatNetwork, ExampleFile.EvPvHub, ExampleFile.InfeasibleBoiler, ExampleFile.BoilerCommitment }
            .ToDictionary(name => name, name => new Lazy<ExampleSolve>(() => Solve(name)));
    }

    public ExampleSolve HeatNetwork => solves[ExampleFile.HeatNetwork].Value;

    public ExampleSolve EvPvHub => solves[ExampleFile.EvPvHub].Value;

    public ExampleSolve InfeasibleBoiler => solves[ExampleFile.InfeasibleBoiler].Value;

    public ExampleSolve BoilerCommitment => solves[ExampleFile.BoilerCommitment].Value;

    public void Dispose() => csvRoot.Dispose();

    private ExampleSolve Solve(string name)
    {
        var csv = csvRoot.File(Path.GetFileNameWithoutExtension(name));
        var run = CliRun.Invoke("solve", ExampleFile.PathOf(name), "--json", "--csv", csv);
        return new ExampleSolve(name, run, ExampleFile.Load(name), csv);
    }
}
