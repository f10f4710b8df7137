using Xunit;

namespace Sems.Cli.Tests;

/// <summary><c>sems serve</c> options refused before the silo starts: a database that cannot be reached, districts served under one name.</summary>
public sealed class ServeOptionsTests
{
    [Fact]
    public void An_unreachable_database_is_an_io_failure_said_in_one_line_without_the_connection_string()
    {
        var run = CliRun.Invoke("serve", ExampleFile.PathOf(ExampleFile.HeatNetwork), "--connection", "Host=db.invalid;Database=sems;Password=secret-word;Timeout=3", "--insecure-dev", "--grpc-port", "0", "--http-port", "0");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("sems: serve: the silo could not start:", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-word", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_of_the_same_district_cannot_be_served_together()
    {
        var file = ExampleFile.PathOf(ExampleFile.HeatNetwork);
        var run = CliRun.Invoke("serve", file, file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("2 district files name the district \"greenwich-heat-network\"", run.Stderr, StringComparison.Ordinal);
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
