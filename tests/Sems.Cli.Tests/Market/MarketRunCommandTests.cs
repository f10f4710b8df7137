using Xunit;
using System.Text.Json;

namespace Sems.Cli.Tests.Market;

/// <summary>
/// <c>sems market run</c> on a two-prosumer community worked by hand, hourly, retail λ_b = 0.30 EUR/kWh, feed-in
/// λ_s = 0.10 EUR/kWh. "sunny": load 1 kW, PV [0, 3, 9, 4] kW, net [−1, +2, +8, +3] kWh; "demand": load 4 kW, net −4
/// kWh every hour. Neither has a battery or a flexible load, so their schedules are the same at any price and the
/// settled prices are the SDR prices of those schedules (Liu et al.: for SDR ≤ 1, P_sell = λ_b·λ_s / ((λ_b − λ_s)·SDR + λ_s),
/// P_buy = P_sell·SDR + λ_b·(1 − SDR); for SDR &gt; 1 both λ_s; with no surplus both λ_b):
/// <list type="bullet">
/// <item>hour 0: surplus 0, deficit 5 → 0.30/0.30: sunny pays 0.30, demand 1.20;</item>
/// <item>hour 1: SDR 2/4 = 0.5 → sell 0.03/0.2 = 0.15, buy 0.075 + 0.15 = 0.225: sunny earns 0.30, demand pays 0.90;</item>
/// <item>hour 2: SDR 8/4 = 2 → 0.10/0.10: sunny earns 0.80, demand pays 0.40;</item>
/// <item>hour 3: SDR 3/4 = 0.75 → sell 0.03/0.25 = 0.12, buy 0.09 + 0.075 = 0.165: sunny earns 0.36, demand pays 0.66.</item>
/// </list>
/// Bills in the market: sunny 0.30 − 1.46 = −1.16 EUR, demand 3.16 EUR. Alone: sunny 0.30 − 13 × 0.10 = −1.00 EUR,
/// demand 16 × 0.30 = 4.80 EUR. Buyers pay 0.30 + 3.16 = 3.46 EUR, sellers earn 1.46 EUR, the grid is paid 8 kWh × 0.30 =
/// 2.40 EUR and pays 4 kWh × 0.10 = 0.40 EUR: 3.46 = 1.46 + 2.40 − 0.40.
/// </summary>
public sealed class MarketRunCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private const string TwoProsumers = """
        {
          "name": "hand-two",
          "currency": "EUR",
          "start": "2022-06-15T10:00:00Z",
          "stepMinutes": 60,
          "horizonSteps": 4,
          "tariff": { "retail": 0.30, "feedIn": 0.10 },
          "market": { "mechanism": "sdr", "threshold": 0.01 },
          "prosumers": [
            { "id": "sunny", "kind": "dwelling", "loadKw": 1, "pvKw": [0, 3, 9, 4], "importMaxKw": 10, "exportMaxKw": 10 },
            { "id": "demand", "kind": "tertiary", "loadKw": 4, "importMaxKw": 10, "exportMaxKw": 10 }
          ]
        }
        """;

    public void Dispose() => _dir.Dispose();

    private string Write(string json, string name = "community.json")
    {
        var path = _dir.File(name);
        File.WriteAllText(path, json);
        return path;
    }

    private static JsonElement Prosumer(JsonElement root, string id) =>
        Assert.Single(root.GetProperty("prosumers").EnumerateArray(), p => p.GetProperty("id").GetString() == id);

    [Fact]
    public void The_json_bills_prices_and_budget_are_the_hand_worked_ones()
    {
        var run = CliRun.Invoke("market", "run", Write(TwoProsumers), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal("sdr", root.GetProperty("mechanism").GetString());

        var sunny = Prosumer(root, "sunny");
        var demand = Prosumer(root, "demand");
        Assert.Equal((-100, -116, 16), (sunny.GetProperty("baselineBillCents").GetInt64(), sunny.GetProperty("marketBillCents").GetInt64(), sunny.GetProperty("savingsCents").GetInt64()));
        Assert.Equal((480, 316, 164), (demand.GetProperty("baselineBillCents").GetInt64(), demand.GetProperty("marketBillCents").GetInt64(), demand.GetProperty("savingsCents").GetInt64()));
        Assert.Equal((30, 146), (sunny.GetProperty("paidCents").GetInt64(), sunny.GetProperty("earnedCents").GetInt64()));
        // demand: 16 kWh consumed, 2 + 4 + 3 = 9 kWh from sunny, 7 kWh from the grid: 1 − 7/16.
        Assert.Equal(1 - 7.0 / 16, demand.GetProperty("selfSufficiency").GetDouble(), 9);
        Assert.Equal(0.0, demand.GetProperty("baselineSelfSufficiency").GetDouble(), 9);
        // sunny: 16 kWh of PV, alone 13 kWh exported, in the market 4 kWh (hour 2's 8 − 4) go to the grid.
        Assert.Equal(1 - 13.0 / 16, sunny.GetProperty("baselineSelfConsumption").GetDouble(), 9);
        Assert.Equal(1 - 4.0 / 16, sunny.GetProperty("selfConsumption").GetDouble(), 9);
        Assert.Equal(9.0, sunny.GetProperty("peerSoldKwh").GetDouble(), 9);
        Assert.Equal(9.0, demand.GetProperty("peerBoughtKwh").GetDouble(), 9);

        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([0.30, 0.225, 0.10, 0.165], steps.Select(s => Math.Round(s.GetProperty("buyPerKwh").GetDouble(), 9)));
        Assert.Equal([0.30, 0.15, 0.10, 0.12], steps.Select(s => Math.Round(s.GetProperty("sellPerKwh").GetDouble(), 9)));
        Assert.Equal([0.0, 2, 4, 3], steps.Select(s => Math.Round(s.GetProperty("peerTradedKwh").GetDouble(), 9)));
        Assert.Equal([5.0, 2, 0, 1], steps.Select(s => Math.Round(s.GetProperty("gridImportKwh").GetDouble(), 9)));
        Assert.Equal([0.0, 0, 4, 0], steps.Select(s => Math.Round(s.GetProperty("gridExportKwh").GetDouble(), 9)));

        var budget = root.GetProperty("budget");
        Assert.Equal((346, 146, 240, 40), (budget.GetProperty("buyersPayCents").GetInt64(), budget.GetProperty("sellersEarnCents").GetInt64(),
            budget.GetProperty("gridPaidCents").GetInt64(), budget.GetProperty("gridPaysCents").GetInt64()));
        Assert.True(budget.GetProperty("balanced").GetBoolean());
        var totals = root.GetProperty("totals");
        Assert.Equal((380, 200, 180), (totals.GetProperty("baselineBillCents").GetInt64(), totals.GetProperty("marketBillCents").GetInt64(), totals.GetProperty("savingsCents").GetInt64()));

        var trace = root.GetProperty("trace").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("iterations").GetInt32() + 1, trace.Count);
        Assert.Equal(0, trace[0].GetProperty("iteration").GetInt32());
        // Iteration 0 is everyone alone at the tariffs: the community's cost is the sum of the bills alone.
        Assert.Equal(3.80, trace[0].GetProperty("communityCost").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, trace[0].GetProperty("costChange").ValueKind);
        var root0 = Assert.Single(root.GetProperty("grid").GetProperty("nodes").EnumerateArray());
        Assert.Equal("hand-two", root0.GetProperty("id").GetString());
        Assert.Equal(5.0, root0.GetProperty("peakImportKw").GetDouble(), 9);
        Assert.Equal(4.0, root0.GetProperty("peakExportKw").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, root0.GetProperty("importMaxAtPeakKw").ValueKind);
        Assert.All(root0.GetProperty("importMaxKw").EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
        Assert.Equal([5.0, 2, -4, 1], root0.GetProperty("netImportKw").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 9)));
        Assert.Empty(root.GetProperty("missing").EnumerateArray());
    }

    [Fact]
    public void The_table_shows_each_bill_with_and_without_the_market_in_the_currency()
    {
        var run = CliRun.Invoke("market", "run", Write(TwoProsumers));
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains(lines, l => l.StartsWith("Bills with and without the market (EUR)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("alone (EUR)", StringComparison.Ordinal) && l.Contains("market (EUR)", StringComparison.Ordinal) && l.Contains("saving (EUR)", StringComparison.Ordinal));
        // The first row starting with the cell after the table's heading.
        string[] Cells(string first, string table = "Bills with and without the market") =>
            lines.SkipWhile(l => !l.StartsWith(table, StringComparison.Ordinal)).First(l => l.StartsWith(first + " ", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["sunny", "dwelling", "-1.00", "-1.16", "0.16"], Cells("sunny")[..5]);
        Assert.Equal(["demand", "tertiary", "4.80", "3.16", "1.64"], Cells("demand")[..5]);
        Assert.Equal(["community", "3.80", "2.00", "1.80"], Cells("community")[..4]);
        // Hour 1 (11:00): buy 0.225, sell 0.15 EUR/kWh, 2 kWh between peers, 2 kWh from the grid.
        Assert.Equal(["1", "11:00", "0.3000", "0.1000", "0.2250", "0.1500", "2.00", "2.00", "0.00"], Cells("1", "Prices and trades per step"));
        Assert.Contains("buyers pay 3.46 EUR = sellers earn 1.46 EUR + paid to the grid 2.40 EUR − paid by the grid 0.40 EUR: balanced to the cent", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Stop reason: converged", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Convergence per iteration", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Grid nodes against their electricity limits", StringComparison.Ordinal));
    }

    [Fact]
    public void The_auction_option_prices_every_step_at_one_clearing_price_and_still_balances()
    {
        var run = CliRun.Invoke("market", "run", Write(TwoProsumers), "--json", "--mechanism", "auction");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal("auction", root.GetProperty("mechanism").GetString());
        foreach (var step in root.GetProperty("steps").EnumerateArray())
        {
            var buy = step.GetProperty("buyPerKwh").GetDouble();
            Assert.Equal(buy, step.GetProperty("sellPerKwh").GetDouble(), 12); // pay-as-clear: buyers and sellers at one price
            Assert.InRange(buy, 0.10, 0.30);
        }

        var budget = root.GetProperty("budget");
        Assert.True(budget.GetProperty("balanced").GetBoolean());
        Assert.Equal(budget.GetProperty("buyersPayCents").GetInt64(),
            budget.GetProperty("sellersEarnCents").GetInt64() + budget.GetProperty("gridPaidCents").GetInt64() - budget.GetProperty("gridPaysCents").GetInt64());
    }

    [Fact]
    public void A_loop_stopped_before_it_converges_exits_4_with_the_reason()
    {
        var run = CliRun.Invoke("market", "run", Write(TwoProsumers), "--max-iterations", "2", "--json");
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("did not converge in 2 iterations", run.Stderr, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.False(document.RootElement.GetProperty("converged").GetBoolean());
        Assert.Equal(3, document.RootElement.GetProperty("trace").GetArrayLength());
    }

    [Fact]
    public void An_invalid_file_exits_2_naming_the_field_and_the_value_and_prints_nothing_on_stdout()
    {
        var bad = TwoProsumers.Replace("\"loadKw\": 4,", "\"loadKw\": -4,", StringComparison.Ordinal);
        var run = CliRun.Invoke("market", "run", Write(bad), "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("is not a valid community file", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("prosumers[1].loadKw: -4", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_cannot_be_read_exits_3_and_a_bad_option_2_naming_it()
    {
        var missing = CliRun.Invoke("market", "run", _dir.File("nowhere.json"));
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("cannot read community file", missing.Stderr, StringComparison.Ordinal);

        var damping = CliRun.Invoke("market", "run", Write(TwoProsumers), "--damping", "1.5");
        Assert.Equal(2, damping.ExitCode);
        Assert.Contains("--damping: 1.5 is out of range; it must be above 0 and at most 1", damping.Stderr, StringComparison.Ordinal);
        var mechanism = CliRun.Invoke("market", "run", Write(TwoProsumers), "--mechanism", "vickrey");
        Assert.Equal(2, mechanism.ExitCode);
        Assert.Contains("vickrey", mechanism.Stderr, StringComparison.Ordinal);
    }
}
