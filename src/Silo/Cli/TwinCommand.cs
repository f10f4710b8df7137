using System.CommandLine;
using System.Globalization;
using Sems.Engine.Model;
using Sems.Silo.Simulation;
using Sems.Silo.Simulation.Remote;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems twin --connect URL [--token T] SCENARIO [--district NAME] [--put] [--json]</c>: the scenario's digital twin as a
/// separate process that reaches SEMS only through the sems.v1 API (<see cref="RemoteTwin"/>), following the server's
/// cycles to the scenario's end; it prints the KPIs as <c>sems simulate</c> does.
/// </summary>
internal static class TwinCommand
{
    public const string Notes = """
        The twin pushes its measurements with Telemetry.Push (stores' SoC in kWh, the network temperature in °C, each
        supply's draw and the chargers' last reading in kW, and the connection point's meter: the grid import in kW) and
        applies the set-points Telemetry.WatchSetpoints brings after every cycle; with --put it first loads the
        scenario's district file (Districts.PutDistrict, scope districts.admin) and starts its cycle (StartDistrict).
        The token needs the scopes telemetry.write and setpoints.read for the district (and districts.admin for --put).
        No forecast reaches SEMS through the API: it plans on the district file's profiles (the twin's first horizon,
        repeated) and the measurements, which is the scenario's "forecasts": "district-file" under sems simulate.
        Time: the twin has no clock of its own. After the set-points of cycle k it simulates step k and pushes the
        readings of the start of step k + 1 stamped on SEMS's clock (the district's start + (k + 1) steps), up to a step
        ahead of the server's clock: serve with the setting Sems:ClockSkew at least one step (environment variable
        SEMS_Sems__ClockSkew=00:15:00). Nothing is pushed before cycle 0: SEMS defines a district's assets at its first
        cycle, which plans from the file's initial state, the twin's own. With --put the district's cycle 0 is the
        scenario's start, so serve with --start before it (by the seconds the twin needs to connect, times
        --time-scale); a twin that comes later joins at the cycle the server is at, and a cycle whose set-points never
        reach it (the server missed it) is simulated with the last ones held. Every rejected measurement is printed on
        stderr with its reason. The KPI table has no re-solve count: the API does not show it to the twin.
        Exit code: 0 the scenario's steps ran, 1 the server failed a request, 2 an invalid option or scenario, or a
        request the server refused (credential, scope, unknown or mismatched district), 3 the scenario file cannot be
        read, or the server cannot be reached or closed a stream.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("SCENARIO") { Description = "The scenario file (JSON), as sems simulate reads it." };
        var connect = CliOptions.Text("--connect", "The sems.v1 gRPC endpoint, e.g. http://127.0.0.1:50051 (h2c) or https://….", "URL", required: true);
        var token = CliOptions.Text("--token", "The bearer token sent with every call (sems token); none for a server run with --insecure-dev.", "TOKEN");
        var district = CliOptions.Text("--district", "The district's name on the server (default: the scenario's name).", "NAME");
        var put = new Option<bool>("--put") { Description = "Load the scenario's district file (PutDistrict) and start its cycle (StartDistrict) first." };
        var json = new Option<bool>("--json") { Description = "Print the run and its KPIs as one JSON object instead of the table." };
        var command = new Command("twin", "Runs the scenario's digital twin as a client of a SEMS server (gRPC API only), following its cycles, and prints its KPIs.")
        {
            file, connect, token, district, put, json,
        };
        command.SetAction(result => Run(result.GetRequiredValue(file), result.GetRequiredValue(connect), result.GetValue(token), result.GetValue(district),
            result.GetValue(put), result.GetValue(json), stdout, stderr));
        return command;
    }

    private static int Run(string file, string connect, string? token, string? district, bool put, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (!Uri.TryCreate(connect, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps)
            || server.Query.Length > 0 || server.Fragment.Length > 0 || string.IsNullOrEmpty(server.Host))
        {
            return SemsCli.Fail(stderr, $"twin: --connect \"{connect}\" is not the http:// or https:// address of a sems.v1 gRPC endpoint (e.g. http://127.0.0.1:50051)");
        }

        if (district is not null && !Identifier.IsValid(district)) return SemsCli.Fail(stderr, $"twin: --district \"{district}\" {Identifier.Rule}");
        if (InputFile.ReadBytes(file, "scenario file", stderr) is not { } bytes) return SemsCli.IoFailure;
        var (scenario, problems) = ScenarioFile.Read(bytes);
        if (scenario is null)
        {
            stderr.WriteLine($"sems: {file} is not a valid scenario ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in problems.Take(ProblemList.MaxShown)) stderr.WriteLine($"  {problem}");
            if (problems.Count > ProblemList.MaxShown) stderr.WriteLine($"  … and {problems.Count - ProblemList.MaxShown} more problems");
            return SemsCli.InvalidInput;
        }

        if (scenario.Forecasts != Scenario.DistrictFile)
        {
            stderr.WriteLine($"sems twin: the scenario's forecasts \"{scenario.Forecasts}\" cannot reach SEMS through the API: it plans on the district file's profiles (\"{Scenario.DistrictFile}\")");
        }

        var options = new RemoteTwinOptions(server, token, district ?? scenario.Name, put);
        RemoteTwinResult result;
        try
        {
            result = new RemoteTwin(scenario, options, stderr).RunAsync().GetAwaiter().GetResult();
        }
        catch (RemoteTwinException e)
        {
            stderr.WriteLine($"sems: twin: {e.Message}");
            return e.Failure switch
            {
                RemoteTwinFailure.Unreachable => SemsCli.IoFailure,
                RemoteTwinFailure.Refused => SemsCli.InvalidInput,
                _ => 1,
            };
        }

        if (json)
        {
            stdout.WriteLine(RemoteTwinJson.Format(result, server));
            return 0;
        }

        // The table of sems simulate, without the re-solve count the twin cannot see.
        using var table = new StringWriter(CultureInfo.InvariantCulture);
        KpiTable.Write(table, [result.Run]);
        foreach (var line in table.ToString().Split('\n'))
        {
            if (line.Length > 0 && !line.StartsWith("coordination re-solves", StringComparison.Ordinal)) stdout.WriteLine(line.TrimEnd('\r'));
        }

        var steps = result.Run.Steps.Count;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"followed district \"{result.District}\" on {server}: cycles {result.FirstCycle}–{result.FirstCycle + steps - 1} ({steps} steps, {result.HeldSteps} with held set-points); {result.MeasurementsPushed} measurements pushed, {result.MeasurementsRejected} rejected"));
        return 0;
    }
}
