using System.Globalization;
using System.Text;
using Sems.Engine.Market;

namespace Sems.Adapters.Kafka.Tests;

/// <summary>
/// Real processes over librdkafka's mock cluster, owned by this test class: <c>sems market coordinator</c>, several
/// <c>sems market prosumer</c>s and a Node.js prosumer; every settlement is checked against the one
/// <see cref="MarketCoordinator"/> computes in this process over <see cref="LocalMarketRound"/>, without Kafka.
/// </summary>
public sealed class MarketProcessTests(MockKafkaCluster cluster) : IClassFixture<MockKafkaCluster>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    private const string Three = """
        {
          "name": "kafka-three",
          "currency": "EUR",
          "start": "2024-06-01T08:00:00Z",
          "stepMinutes": 60,
          "horizonSteps": 4,
          "tariff": { "retail": [0.30, 0.25, 0.20, 0.28], "feedIn": 0.05 },
          "market": { "mechanism": "sdr", "threshold": 0.01, "maxIterations": 20, "damping": 0.5 },
          "prosumers": [
            { "id": "sunny", "kind": "dwelling", "loadKw": 1, "pvKw": [0, 3, 9, 4], "importMaxKw": 10, "exportMaxKw": 10 },
            { "id": "office", "kind": "tertiary", "loadKw": 4, "importMaxKw": 10, "exportMaxKw": 0 },
            { "id": "home-b", "kind": "dwelling", "loadKw": [2, 1, 1, 3], "pvKw": [0, 2, 3, 0], "importMaxKw": 10, "exportMaxKw": 5,
              "battery": { "capacityKwh": 6, "socInitialKwh": 3, "socMinKwh": 0.5, "chargeMaxKw": 3, "dischargeMaxKw": 3 },
              "flexibleLoads": [ { "id": "washer", "profileKw": [1.5], "earliestStartStep": 0, "latestEndStep": 3, "preferredStartStep": 0, "delayCostPerStep": 0.02 } ] }
          ]
        }
        """;

    [Fact]
    public async Task Three_prosumer_processes_and_the_coordinator_settle_as_the_market_in_process()
    {
        using var folder = new TempFolder();
        var file = folder.Write("community.json", Three);
        var community = CommunityReader.Read(Three).GetCommunityOrThrow();
        var prefix = MockKafkaCluster.FreshPrefix("three");
        var prosumers = new List<ChildProcess>();
        ChildProcess? coordinator = null;
        try
        {
            foreach (var id in new[] { "sunny", "office", "home-b" }) prosumers.Add(await StartProsumer(file, id, prefix));
            coordinator = ChildProcess.Sems("coordinator", "market", "coordinator", file, "--bootstrap", cluster.BootstrapServers, "--topic-prefix", prefix, "--timeout-seconds", "60", "--json");
            var exit = await coordinator.WaitForExitAsync(Step * 3);

            Assert.True(exit == 0, coordinator.Output);
            var settlement = Settlement(coordinator);
            var expected = await MarketCoordinator.RunAsync(community, new LocalMarketRound(community.Prosumers, community.StepHours, 1));
            AssertSettles(expected, settlement);
            Assert.Empty(settlement.LeftOut);
            Assert.True(expected.Iterations >= 2, $"the market should need more than one iteration; it stopped: {expected.StopReason}");
            foreach (var (process, bill) in prosumers.Zip(expected.Settlement.Prosumers))
            {
                Assert.Equal(0, await process.WaitForExitAsync(Step));
                var kpi = expected.Kpis.Prosumers.Single(k => k.ProsumerId == bill.ProsumerId);
                Assert.Contains($"bill {Money(bill.BillCents)} EUR (alone {Money(kpi.BaselineBillCents)} EUR, saving {Money(kpi.SavingsCents)} EUR)", process.Stdout, StringComparison.Ordinal);
                Assert.Contains($"answered iteration {expected.Iterations} of run {settlement.RunId}", process.Stdout, StringComparison.Ordinal);
            }
        }
        finally
        {
            coordinator?.Dispose();
            prosumers.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task A_prosumer_killed_after_its_first_answer_is_settled_without_and_named()
    {
        using var folder = new TempFolder();
        var file = folder.Write("community.json", Three);
        var community = CommunityReader.Read(Three).GetCommunityOrThrow() with { };
        var prefix = MockKafkaCluster.FreshPrefix("killed");
        var prosumers = new List<ChildProcess>();
        ChildProcess? coordinator = null;
        try
        {
            foreach (var id in new[] { "sunny", "office", "home-b" }) prosumers.Add(await StartProsumer(file, id, prefix));
            var victim = prosumers[2];
            coordinator = ChildProcess.Sems("coordinator", "market", "coordinator", file, "--bootstrap", cluster.BootstrapServers, "--topic-prefix", prefix,
                "--timeout-seconds", "15", "--on-missing", "settle");
            await victim.WaitForLineAsync("answered iteration 0 of run", Step);
            victim.KillHard();
            var exit = await coordinator.WaitForExitAsync(Step * 4); // 15 s per iteration: long enough for a prosumer's first solve on a loaded machine

            Assert.True(exit == 1, coordinator.Output); // converged, one prosumer left out
            // Killed once it said it answered iteration 0; on a loaded machine it answers a few more iterations (0.1 s
            // each) before the kill lands, so the rest of the test follows how many it said it answered.
            var answered = victim.Stdout.Split('\n').Count(l => l.StartsWith("answered iteration", StringComparison.Ordinal));
            Assert.True(answered >= 1, victim.Output);
            Assert.True(coordinator.Stdout.Contains($"Left out (their energy is theirs with the grid at its tariffs): home-b: iteration {answered}: no answer within 15 s.", StringComparison.Ordinal), coordinator.Output);
            Assert.True(coordinator.Said($"No answer within 15 s from home-b in iteration {answered}"), coordinator.Output);

            // In process: home-b answers as long as the killed process did, and then not at all.
            var local = new LocalMarketRound(community.Prosumers, community.StepHours, 1);
            var expected = await MarketCoordinator.RunAsync(community, ScriptedRound.SilentAfter(local, "home-b", answered - 1, "no answer within 15 s"));
            Assert.Equal(["sunny", "office"], expected.Settlement.Prosumers.Select(p => p.ProsumerId));
            foreach (var bill in expected.Settlement.Prosumers)
            {
                Assert.Matches($@"(?m)^{bill.ProsumerId} .* {Regex(Money(bill.BillCents))} +\S+ +\S+$", coordinator.Stdout);
            }

            Assert.Equal(0, await prosumers[0].WaitForExitAsync(Step));
            Assert.Equal(0, await prosumers[1].WaitForExitAsync(Step));
        }
        finally
        {
            coordinator?.Dispose();
            prosumers.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task On_missing_wait_the_coordinator_keeps_waiting_and_says_for_whom()
    {
        using var folder = new TempFolder();
        var file = folder.Write("community.json", Three);
        var prefix = MockKafkaCluster.FreshPrefix("waiting");
        var prosumers = new List<ChildProcess>();
        ChildProcess? coordinator = null;
        try
        {
            foreach (var id in new[] { "sunny", "office", "home-b" }) prosumers.Add(await StartProsumer(file, id, prefix));
            coordinator = ChildProcess.Sems("coordinator", "market", "coordinator", file, "--bootstrap", cluster.BootstrapServers, "--topic-prefix", prefix,
                "--timeout-seconds", "2", "--on-missing", "wait");
            await prosumers[1].WaitForLineAsync("answered iteration 0 of run", Step);
            prosumers[1].KillHard();

            // Killed once it said it answered iteration 0; on a loaded machine it may answer a few more before the kill
            // lands, so the iteration waited for is the one after the last it said it answered.
            await coordinator.WaitForLineAsync("Waiting for office in iteration ", Step);
            var waitedFor = prosumers[1].Stdout.Split('\n').Count(l => l.StartsWith("answered iteration", StringComparison.Ordinal));
            Assert.True(coordinator.Said($"Waiting for office in iteration {waitedFor}"), coordinator.Output);
            await coordinator.WaitForLineAsync($"Waiting for office in iteration {waitedFor} (4", Step); // still waiting, and saying so again
            Assert.False(coordinator.HasExited, coordinator.Output);
            Assert.False(coordinator.Said("Settlement"), coordinator.Output);
        }
        finally
        {
            coordinator?.KillHard();
            coordinator?.Dispose();
            prosumers.ForEach(p => p.Dispose());
        }
    }

    [Fact]
    public async Task A_third_party_prosumer_in_nodejs_joins_and_is_settled()
    {
        var text = Three.Replace(
            """{ "id": "office", "kind": "tertiary", "loadKw": 4, "importMaxKw": 10, "exportMaxKw": 0 },""",
            """{ "id": "ems-3", "kind": "dwelling", "external": true, "importMaxKw": 12 },""", StringComparison.Ordinal);
        using var folder = new TempFolder();
        var file = folder.Write("community.json", text);
        var community = CommunityReader.Read(text).GetCommunityOrThrow();
        var prefix = MockKafkaCluster.FreshPrefix("node");
        var processes = new List<ChildProcess>();
        ChildProcess? coordinator = null;
        try
        {
            var node = await NodeProsumer.StartAsync("node prosumer", ["--bootstrap", cluster.BootstrapServers, "--prefix", prefix, "--market", "kafka-three", "--id", "ems-3", "--import-kw", "2.5"]);
            processes.Add(node);
            await node.WaitForLineAsync("listening on", Step);
            foreach (var id in new[] { "sunny", "home-b" }) processes.Add(await StartProsumer(file, id, prefix));
            coordinator = ChildProcess.Sems("coordinator", "market", "coordinator", file, "--bootstrap", cluster.BootstrapServers, "--topic-prefix", prefix, "--timeout-seconds", "60", "--json");
            var exit = await coordinator.WaitForExitAsync(Step * 3);

            Assert.True(exit == 0, coordinator.Output + "\n--- node:\n" + node.Output);
            var settlement = Settlement(coordinator);
            var local = new LocalMarketRound(community.Prosumers, community.StepHours, 1);
            var expected = await MarketCoordinator.RunAsync(community, ScriptedRound.Fixed(local, "ems-3", 2.5, 0, community.StepHours));
            AssertSettles(expected, settlement);
            var line = settlement.Prosumers.Single(l => l.ProsumerId == "ems-3");
            Assert.Equal(10, line.BoughtKwh, 9); // 2.5 kW for 4 h
            Assert.Equal(0, await node.WaitForExitAsync(Step));
            Assert.Contains($"settled in run {settlement.RunId}: bought 10 kWh, sold 0 kWh, bill {line.BillCents} cents of EUR", node.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            coordinator?.Dispose();
            processes.ForEach(p => p.Dispose());
        }
    }

    private async Task<ChildProcess> StartProsumer(string file, string id, string prefix)
    {
        var process = ChildProcess.Sems(id, "market", "prosumer", file, "--id", id, "--bootstrap", cluster.BootstrapServers, "--topic-prefix", prefix, "--idle-timeout-seconds", "120");
        await process.WaitForLineAsync("listening on", Step);
        return process;
    }

    private static SettlementMessage Settlement(ChildProcess coordinator)
    {
        var read = MarketMessageCodec.ReadSettlement(Encoding.UTF8.GetBytes(coordinator.Stdout.Trim()));
        Assert.True(read.Message is not null, $"{read.Describe()}\n{coordinator.Output}");
        return read.Message!;
    }

    /// <summary>The processes' settlement is the in-process one: every bill to the cent and every kWh, the budget, the iterations.</summary>
    private static void AssertSettles(MarketOutcome expected, SettlementMessage settlement)
    {
        Assert.Equal((expected.Converged, expected.StopReason, expected.Iterations), (settlement.Converged, settlement.StopReason, settlement.Iterations));
        Assert.Equal(expected.Settlement.Prosumers.Select(b => b.ProsumerId), settlement.Prosumers.Select(l => l.ProsumerId));
        foreach (var (bill, line) in expected.Settlement.Prosumers.Zip(settlement.Prosumers))
        {
            Assert.Equal((bill.PaidCents, bill.EarnedCents, bill.BillCents), (line.PaidCents, line.EarnedCents, line.BillCents));
            Assert.Equal((bill.BoughtKwh, bill.SoldKwh, bill.PeerBoughtKwh, bill.PeerSoldKwh, bill.GridBoughtKwh, bill.GridSoldKwh),
                (line.BoughtKwh, line.SoldKwh, line.PeerBoughtKwh, line.PeerSoldKwh, line.GridBoughtKwh, line.GridSoldKwh));
            Assert.Equal(expected.Kpis.Prosumers.Single(k => k.ProsumerId == bill.ProsumerId).SavingsCents, line.SavingsCents);
        }

        var s = expected.Settlement;
        Assert.Equal(new SettlementBudget(s.BuyersPayCents, s.SellersEarnCents, s.GridPaidCents, s.GridPaysCents, s.PeerTradedKwh, true), settlement.Budget);
    }

    private static string Money(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
