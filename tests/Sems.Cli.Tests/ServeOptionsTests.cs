using Xunit;

namespace Sems.Cli.Tests;

/// <summary><c>sems serve</c> options refused before the silo starts: a connection string this build cannot use, districts served under one name.</summary>
public sealed class ServeOptionsTests
{
    [Fact]
    public void A_connection_string_without_the_persistence_project_is_refused_clearly()
    {
        var run = CliRun.Invoke("serve", ExampleFile.PathOf(ExampleFile.HeatNetwork), "--connection", "Host=db.invalid;Database=sems");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("this build of sems has no PostgreSQL persistence", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("db.invalid", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_of_the_same_district_cannot_be_served_together()
    {
        var file = ExampleFile.PathOf(ExampleFile.HeatNetwork);
        var run = CliRun.Invoke("serve", file, file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("2 district files name the district", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_needs_at_least_one_file()
    {
        var run = CliRun.Invoke("serve", "--time-scale", "60");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("Required argument missing for command: 'serve'", run.Stderr, StringComparison.Ordinal);
    }
}
