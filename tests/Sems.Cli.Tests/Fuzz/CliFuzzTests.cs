using System.Text;
using Sems.Silo.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Sems.Cli.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of every input the CLI reads: district files under <c>solve</c> (table, --json, --csv, --lp)
/// and <c>coordinate --json</c>, scenario files under <see cref="ScenarioFile.Read(ReadOnlyMemory{byte})"/> and a few
/// through <c>simulate</c>, and CSV series under <c>identify</c> and <c>forecast-eval</c>. Every case must exit with a
/// documented code, throw nothing, keep stderr bounded, return within the hang guard, write only inside its output
/// folder and print valid JSON when asked for JSON (see <see cref="FuzzRunner"/>). A failure names the case's seed and
/// mutation, so it reproduces.
/// </summary>
public sealed class CliFuzzTests(ITestOutputHelper output)
{
    private const int SolveCases = 400;
    private const int CoordinateCases = 40;
    private const int ScenarioReadCases = 600;
    private const int SimulateCases = 10;
    private const int MinValidSimulations = 3;
    private const int IdentifyCases = 300;
    private const int ForecastEvalCases = 40;

    private static readonly Lazy<string[]> Districts = new(() => FuzzSeeds.DistrictExamples.Select(e => File.ReadAllText(ExampleFile.PathOf(e))).ToArray());

    [Fact]
    public void Fuzz_district_files_under_solve()
    {
        using var runner = new FuzzRunner("district-solve", 1);
        for (var i = 0; i < SolveCases && !runner.Hung; i++)
        {
            var random = runner.CaseRandom(i);
            var input = JsonMutator.Mutate(Districts.Value[i % Districts.Value.Length], random);
            // Ids become file names only under --csv and --lp, so hostile ids always go there.
            var mode = input.MutationClass == "hostile-id" ? 2 + (i % 2) : i % 4;
            runner.RunCli(i, input, ".json", (file, outDir) => mode switch
            {
                0 => ["solve", file],
                1 => ["solve", file, "--json"],
                2 => ["solve", file, "--csv", outDir],
                _ => ["solve", file, "--lp", outDir, "--json"],
            }, json: mode is 1 or 3);
        }

        runner.Finish(output);
    }

    [Fact]
    public void Fuzz_district_files_under_coordinate_json()
    {
        using var runner = new FuzzRunner("district-coordinate", 2);
        for (var i = 0; i < CoordinateCases && !runner.Hung; i++)
        {
            var random = runner.CaseRandom(i);
            // The small worked example most of the time: every valid case starts an embedded silo.
            var district = i % 3 == 0 ? Districts.Value[1 + (i / 3) % (Districts.Value.Length - 1)] : Districts.Value[0];
            var input = JsonMutator.Mutate(district, random);
            runner.RunCli(i, input, ".json", (file, _) => ["coordinate", file, "--json"], json: true);
        }

        runner.Finish(output);
    }

    [Fact]
    public void Fuzz_scenario_files_under_the_reader()
    {
        using var runner = new FuzzRunner("scenario-read", 3);
        for (var i = 0; i < ScenarioReadCases && !runner.Hung; i++)
        {
            var input = JsonMutator.Mutate(FuzzSeeds.Scenarios[i % FuzzSeeds.Scenarios.Length], runner.CaseRandom(i));
            runner.RunCheck(i, input, () => ScenarioProblem(input.Bytes));
        }

        runner.Finish(output);
    }

    [Fact]
    public void Fuzz_scenario_files_under_simulate()
    {
        using var runner = new FuzzRunner("scenario-simulate", 4);
        // Only cases the reader refuses, or valid ones still as tiny as the seeds, go through the (slow) simulation; a
        // few of them valid, which only mutations that keep a scenario readable (deleted fields, one line) tend to give.
        var valid = 0;
        for (var i = 0; (runner.Cases < SimulateCases || valid < MinValidSimulations) && i < 400 && !runner.Hung; i++)
        {
            var mutation = i % 2 == 0 ? FuzzValues.Pick(runner.CaseRandom(i), new[] { "delete-field", "long-line" }) : null;
            var input = JsonMutator.Mutate(FuzzSeeds.Scenarios[i % FuzzSeeds.Scenarios.Length], runner.CaseRandom(i), mutation);
            var (scenario, _) = ScenarioFile.Read(input.Bytes);
            if (scenario is not null && !IsTiny(scenario)) continue;
            if (scenario is null && runner.Cases >= SimulateCases) continue;
            if (scenario is not null && valid >= MinValidSimulations) continue;
            if (scenario is not null) valid++;
            runner.RunCli(i, input, ".json", (file, outDir) => ["simulate", file, "--out", outDir], json: false);
        }

        Assert.True(valid >= MinValidSimulations, $"only {valid} valid scenarios simulated");
        runner.Finish(output);
    }

    [Fact]
    public void Fuzz_csv_files_under_identify()
    {
        using var runner = new FuzzRunner("csv-identify", 5);
        string[] seeds = [FuzzSeeds.Csv(60, false), FuzzSeeds.Csv(30, true)];
        for (var i = 0; i < IdentifyCases && !runner.Hung; i++)
        {
            var random = runner.CaseRandom(i);
            var (input, renamed) = CsvMutator.Mutate(seeds[i % seeds.Length], random, "ground");
            string[] id = i % 5 == 0 ? ["--id", FuzzValues.Pick(random, FuzzValues.HostileIds)] : [];
            runner.RunCli(i, input, ".csv", (file, _) =>
                ["identify", "--csv", file, "--time", "time", "--state", "temp", "--input", "heat=heat", "--disturbance", $"ground={renamed ?? "ground"}", .. id], json: false);
        }

        runner.Finish(output);
    }

    [Fact]
    public void Fuzz_csv_files_under_forecast_eval()
    {
        using var runner = new FuzzRunner("csv-forecast-eval", 6);
        var seed = FuzzSeeds.Csv(60, false);
        for (var i = 0; i < ForecastEvalCases && !runner.Hung; i++)
        {
            var (input, renamed) = CsvMutator.Mutate(seed, runner.CaseRandom(i), "heat");
            runner.RunCli(i, input, ".csv", (file, _) =>
                ["forecast-eval", "--csv", file, "--time", "time", "--target", renamed ?? "heat", "--feature", "ground", "--test-days", "1"], json: false);
        }

        runner.Finish(output);
    }

    /// <summary>The reader's contract: a scenario and no problems, or no scenario and named, bounded problems.</summary>
    private static string? ScenarioProblem(byte[] bytes)
    {
        var (scenario, problems) = ScenarioFile.Read(bytes);
        // The text overload (lossy decoding: U+FFFD for bad bytes) must not throw either.
        ScenarioFile.Read(Encoding.UTF8.GetString(bytes));
        if (scenario is not null && problems.Count > 0) return $"a scenario and {problems.Count} problems";
        if (scenario is null && problems.Count == 0) return "neither a scenario nor a problem";
        if (problems.Any(string.IsNullOrWhiteSpace)) return "an empty problem";
        var length = problems.Sum(p => p.Length);
        return length >= FuzzRunner.MaxStderrChars ? $"the problems hold {length} characters (limit {FuzzRunner.MaxStderrChars})" : null;
    }

    private static bool IsTiny(Scenario s) =>
        s.Steps <= 48 && s.HorizonSteps <= 96 && s.Forecasts == Scenario.NoisyTruth && (s.EvPv?.Vehicles ?? 0) <= 200;
}
