namespace Sems.Gateway.Tests.Dashboard;

/// <summary>
/// A fact that needs Debian's Chromium and its driver (<see cref="HeadlessChromium.BrowserPath"/>,
/// <see cref="HeadlessChromium.DriverPath"/>); skipped, saying why, where they are not installed. scripts/test.sh
/// installs both when it runs as root.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Missing() is { } missing)
            Skip = $"{missing} is not installed and could not be installed (scripts/test.sh installs Debian's chromium and chromium-driver when run as root)";
    }
}
