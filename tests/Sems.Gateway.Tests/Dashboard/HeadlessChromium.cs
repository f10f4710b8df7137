using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Sems.Gateway.Tests.Dashboard;

/// <summary>
/// Debian's Chromium, headless, driven by its own chromedriver through Selenium: never a downloaded browser or driver
/// (both paths are given, so Selenium Manager is not asked). A fresh profile folder per instance, removed on dispose.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    /// <summary>A guard against a page that never gets there; not a timing assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _profile;

    public HeadlessChromium(int width = 1500, int height = 1200)
    {
        _profile = Directory.CreateTempSubdirectory("sems-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", $"--user-data-dir={_profile}",
            $"--window-size={width},{height}", "--force-device-scale-factor=1", "--lang=en-GB");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Driver = new ChromeDriver(service, options, Patience);
    }

    public ChromeDriver Driver { get; }

    /// <summary>Which of the browser and its driver is missing, or null when both are there.</summary>
    public static string? Missing() =>
        !File.Exists(BrowserPath) ? BrowserPath : !File.Exists(DriverPath) ? DriverPath : null;

    /// <summary>The value of a script expression (a JSON string is returned as a string).</summary>
    public object? Eval(string expression) => Driver.ExecuteScript($"return ({expression});");

    /// <summary>Waits until <paramref name="expression"/> is truthy in the page; fails naming it and <paramref name="describe"/>'s value.</summary>
    public void WaitFor(string expression, string describe = "JSON.stringify({connection: window.semsDashboard && semsDashboard.connection, reason: window.semsDashboard && semsDashboard.reason, cycle: window.semsDashboard && semsDashboard.cycle, message: document.getElementById('message').textContent})")
    {
        var wait = new WebDriverWait(Driver, Patience) { PollingInterval = TimeSpan.FromMilliseconds(100) };
        try
        {
            wait.Until(_ => Eval(expression) is true);
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Fail($"the page never got to ({expression}); it shows {Eval(describe)}");
        }
    }

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold a file for a moment; the folder is in the temporary directory.
            }
        }
    }
}
