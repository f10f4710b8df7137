using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sems.Contracts.Market;
using Sems.Engine.Market;
using Sems.Silo.Reporting;
using Sems.Silo.Simulation;
using Sems.Twin.Plants;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems demo</c>: the paper's three case studies on the digital twin (embedded silo, simulated clock), the tables
/// beside the paper's numbers, and a report folder with plots and CSVs.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var days = CliOptions.Number("--days", "Days to simulate from 2022-11-01, above 0 up to 60.", 14, 0, false, 60, true, "above 0 and at most 60");
        var seed = CliOptions.WholeNumber("--seed", "Seed of the twin's noise, a whole number.", 1, int.MinValue, int.MaxValue, "from -2147483648 to 2147483647");
        var output = CliOptions.Text("--out", "The report folder (index.html, PNG plots, CSVs).", "DIR");
        output.DefaultValueFactory = _ => "sems-demo-report";
        var command = new Command("demo",
            "Runs the paper's three case studies on the digital twin, prints their tables beside the paper's numbers and writes a report folder (index.html, PNG plots, CSVs).")
        {
            days, seed, output,
        };
        command.SetAction(result => Run(result.GetValue(days), result.GetValue(seed), result.GetRequiredValue(output), stdout, stderr));
        return command;
    }

    private static int Run(double days, int seed, string output, TextWriter stdout, TextWriter stderr)
    {
        if (OutputPath.ProblemWithFolder(output) is { } problem) return SemsCli.OutputFailure(stderr, "--out", output, problem);

        var clock = Stopwatch.StartNew();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SEMS demo: the case studies of O'Dwyer et al. on the digital twin, {days:0.##} days from 2022-11-01, 15-minute control, 24 h horizon."));
        stdout.WriteLine("Runs: 5 heat-network weightings on 2022 prices and 5 on 2018 prices, a store run (2018 prices, larger heat pump), EV/PV without and with delay, both subsystems under a 70 kW limit without and with coordination, and coordinated with learned forecasts; then the local energy market of examples/market/bilbao-ped.json.");
        var heatScenarios = CaseStudies.HeatNetwork(days, seed);
        var heat2018Scenarios = CaseStudies.HeatNetwork(days, seed, CaseStudies.PaperPeriodPrices);
        var storeScenario = CaseStudies.StoreRun(days, seed);
        var evScenarios = CaseStudies.EvPv(days, seed);
        IReadOnlyList<Scenario> bothScenarios = [.. CaseStudies.Coordinated(days, seed), CaseStudies.CoordinatedLearned(days, seed)];
        var all = Simulations.RunAsync([.. bothScenarios, .. heatScenarios, .. evScenarios, .. heat2018Scenarios, storeScenario], stderr,
            heatParameters: s => s == storeScenario ? CaseStudies.StoreRunParameters : new HeatNetworkParameters()).GetAwaiter().GetResult();
        var both = all.Take(bothScenarios.Count).ToList();
        var heat = all.Skip(bothScenarios.Count).Take(heatScenarios.Count).ToList();
        var ev = all.Skip(bothScenarios.Count + heatScenarios.Count).Take(evScenarios.Count).ToList();
        var heat2018 = all.Skip(bothScenarios.Count + heatScenarios.Count + evScenarios.Count).Take(heat2018Scenarios.Count).ToList();
        var store = all[^1];

        foreach (var table in DemoReport.Tables(heat, ev, both, heat2018)) TextTable.Write(stdout, table);
        stdout.WriteLine("KPIs of every run:");
        KpiTable.Write(stdout, all);

        var sections = DemoReport.Sections(heat, ev, both, new HeatNetworkParameters(), heat2018, store).ToList();
        if (RunMarket(stderr) is { } market)
        {
            stdout.WriteLine(MarketReport.Summary(market));
            sections.Add(MarketReport.Section(market));
        }

        try
        {
            var index = ReportWriter.Write(output, "SEMS demo: the paper's case studies on the digital twin",
                string.Create(CultureInfo.InvariantCulture, $"{days:0.##} days from 2022-11-01 (real Agile prices, GB carbon intensity and Bedford weather), seed {seed}. Numbers in the tables are from the twin's plants, not from plans; the paper's figures are from November 2018."),
                sections);
            stdout.WriteLine($"report: {index}");
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"sems: the report's plots could not be drawn: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SemsCli.OutputFailure(stderr, "--out", output, $"cannot write the report: {e.Message}");
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo wall time: {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    /// <summary>The demo community's market through the grains; null (the report then has no market section) when it cannot run.</summary>
    private static MarketOutcomeMessage? RunMarket(TextWriter stderr)
    {
        try
        {
            return MarketRunCommand.RunOnce(MarketReport.DemoCommunity(), stderr).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or CommunityValidationException or TimeoutException)
        {
            stderr.WriteLine($"sems: the demo's local energy market could not run, the report has no market section: {e.Message}");
            return null;
        }
    }
}
