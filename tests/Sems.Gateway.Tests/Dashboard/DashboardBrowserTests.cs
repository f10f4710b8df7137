using System.Drawing;
using OpenQA.Selenium;
using Sems.Contracts;

namespace Sems.Gateway.Tests.Dashboard;

/// <summary>
/// The dashboard in headless Chromium against the in-process silo + gateway, as an operator uses it: open the page,
/// paste a token, watch the worked example's cycle, then the next cycle arrives over the event stream without a reload.
/// With SEMS_WRITE_SCREENSHOT=1 the test also writes docs/images/dashboard.png.
/// </summary>
public sealed class DashboardBrowserTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    [ChromiumFact]
    public async Task The_page_shows_the_limit_and_the_cycle_then_the_next_cycle_without_a_reload()
    {
        var district = await fixture.Load(GatewayFixture.Example("two-subsystems-limit.json"), "worked");
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(district);
        var first = await coordinator.RunCycle();
        Assert.Equal(0, first.Cycle);
        var token = fixture.Token("operator-a", ["status.read", "setpoints.read"], [district]);
        var origin = fixture.HttpAddress.GetLeftPart(UriPartial.Authority);

        using var browser = new HeadlessChromium();
        browser.Driver.Navigate().GoToUrl(origin + "/");
        // Without a token the API refuses, and the page says what to do.
        browser.WaitFor("document.getElementById('message').textContent.includes('sems token')");
        Assert.Equal("DISCONNECTED", browser.Driver.FindElement(By.Id("connection")).Text);

        browser.Driver.FindElement(By.Id("token")).SendKeys(token);
        browser.Driver.FindElement(By.Id("use-token")).Click();
        browser.WaitFor($"window.semsDashboard.connection === 'live' && window.semsDashboard.cycle === {first.Cycle} && window.semsDashboard.view !== null");
        browser.Eval("window.sameDocument = 'yes'");

        Assert.Equal(first.Cycle.ToString(System.Globalization.CultureInfo.InvariantCulture), browser.Driver.FindElement(By.Id("cycle")).Text);
        Assert.Equal("LIVE", browser.Driver.FindElement(By.Id("connection")).Text);
        // Worked by hand (README): 100 kW limit; Ptot [70, 110, 110, 70] kW before coordination, [70, 100, 100, 70] after;
        // 0 kW headroom at steps 1–2 is under 5 % of the limit, so the plan is AT RISK.
        Assert.Equal([100.0, 100, 100, 100], Series(browser, "draw", "limit"));
        Assert.Equal([70.0, 100, 100, 70], Series(browser, "draw", "planned draw after"));
        Assert.Equal([70.0, 110, 110, 70], Series(browser, "draw", "planned draw before"));
        Assert.Equal("AT RISK", browser.Driver.FindElement(By.Id("compliance")).Text);
        // The heat network (priority 1) is granted Plim − (Ptot − Psub) = [50, 10, 10, 50] kW and plans [20, 10, 10, 20] kW.
        Assert.Equal([50.0, 10, 10, 50], Series(browser, "subsystems", "heat-network granted"));
        Assert.Equal([20.0, 10, 10, 20], Series(browser, "subsystems", "heat-network planned"));
        // Step 0 is committed: the heat pump draws 20 kW (60 kW of heat at COP 3).
        Assert.Contains(browser.Driver.FindElements(By.CssSelector("#setpoints tbody tr")), row =>
            row.Text.Contains("heat-pump", StringComparison.Ordinal) && row.Text.Contains("electricity.drawKw 20.00 kW", StringComparison.Ordinal));

        // The next step: a forecast for the EV hub's chargers and a measured 88 kW as the step starts.
        fixture.Clock.Advance(Step);
        var now = fixture.Clock.GetUtcNow();
        var next = first.Cycle + 1;
        Assert.Empty(await fixture.Grains.GetGrain<ISubsystemGrain>($"{district}/ev-hub").SetForecast(next, new Dictionary<string, double[]> { ["demand:chargers"] = [90, 90, 50, 50] }));
        Assert.True((await fixture.Grains.GetGrain<IAssetGrain>($"{district}/ev-hub/chargers").Record(new Measurement(now, "power", [88.0], "kW"))).Accepted);
        var second = await coordinator.RunCycle();
        Assert.Equal(next, second.Cycle);

        browser.WaitFor($"window.semsDashboard.cycle === {next} && window.semsDashboard.view !== null && window.semsDashboard.view.cycle === {next}");
        Assert.Equal("yes", browser.Eval("window.sameDocument"));
        Assert.Equal(next.ToString(System.Globalization.CultureInfo.InvariantCulture), browser.Driver.FindElement(By.Id("cycle")).Text);
        // Cycle 1: the chargers' series rotated to [90, 90, 50, 50] kW with the measured 88 kW at step 0, heat pump 20 kW:
        // Ptot [108, 110, 70, 70] kW; the heat network is granted [12, 10, 50, 50] kW, so [100, 100, 70, 70] kW after.
        Assert.Equal([100.0, 100, 100, 100], Series(browser, "draw", "limit"));
        Assert.Equal([108.0, 110, 70, 70], Series(browser, "draw", "planned draw before"));
        Assert.Equal([100.0, 100, 70, 70], Series(browser, "draw", "planned draw after"));
        Assert.Contains(90.0, Series(browser, "forecast", "ev-hub/chargers forecast"));
        Assert.Contains(88.0, Series(browser, "forecast", "ev-hub/chargers measured"));

        // Offline: every file and request the page made went to this gateway.
        var resources = ((IEnumerable<object>)browser.Driver.ExecuteScript("return performance.getEntriesByType('resource').map(e => e.name);")!).Cast<string>().ToList();
        Assert.NotEmpty(resources);
        Assert.All(resources, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));

        if (Environment.GetEnvironmentVariable("SEMS_WRITE_SCREENSHOT") == "1")
        {
            var height = Convert.ToInt32(browser.Eval("document.documentElement.scrollHeight"), System.Globalization.CultureInfo.InvariantCulture);
            browser.Driver.Manage().Window.Size = new Size(1500, Math.Min(height + 20, 4000));
            browser.WaitFor($"window.semsDashboard.cycle === {next}");
            var path = Path.Combine(RepositoryFiles.Root, "docs", "images", "dashboard.png");
            browser.Driver.GetScreenshot().SaveAsFile(path);
        }
    }

    /// <summary>The per-step values of the chart's series whose label starts with <paramref name="label"/>, rounded to 1e-6 (NaN where it has no value).</summary>
    private static double[] Series(HeadlessChromium browser, string chart, string label)
    {
        var values = browser.Driver.ExecuteScript(
            "const s = window.semsDashboard.charts[arguments[0]].series.filter(s => s.label.startsWith(arguments[1]));" +
            "return s.length === 1 ? s[0].values : 'series: ' + window.semsDashboard.charts[arguments[0]].series.map(s => s.label).join(' | ');",
            chart, label);
        if (values is string labels) Assert.Fail($"chart {chart} has no single series starting \"{label}\": {labels}");
        return ((IEnumerable<object?>)values!).Select(v => v is null ? double.NaN : Math.Round(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture), 6)).ToArray();
    }
}
