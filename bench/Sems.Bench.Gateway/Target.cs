using System.Diagnostics;
using Grpc.Core;
using Sems.Api.V1;

namespace Sems.Bench.Gateway;

/// <summary>
/// The server a mode runs against and the district it asks about: <c>--connect URL [--token T] --district FILE</c>
/// (a running gateway serving that file), else (with <c>--server-env NAME=VALUE,…</c> for its environment) a <c>sems serve</c> started by the bench on <c>--district FILE</c>, on a
/// generated district of <c>--subsystems N</c> heat networks, or on the mode's default example.
/// </summary>
public sealed record Target(SemsServer Server, string District, string File)
{
    public static async Task<Target> OpenAsync(BenchOptions options, string repo, string defaultFile, double timeScale, int subsystemsDefault,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connect = options.Text("--connect");
        var token = options.Text("--token");
        var file = options.Text("--district");
        var subsystems = options.Whole("--subsystems", subsystemsDefault, 0, 999);
        var serverEnvironment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var pair in (options.Text("--server-env") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.Split('=', 2) is not [{ Length: > 0 } key, var value]) throw new BenchException($"--server-env: \"{pair}\" is not NAME=VALUE");
            serverEnvironment[key] = value;
        }

        if (file is not null && options.Text("--subsystems") is not null) throw new BenchException("--district and --subsystems exclude each other");
        if (file is not null && !System.IO.File.Exists(file)) throw new BenchException($"--district: \"{file}\" does not exist");
        if (token is not null && connect is null) throw new BenchException("--token needs --connect URL");
        options.CheckAllRead("bench");
        if (connect is not null)
        {
            if (file is null) throw new BenchException("--connect needs --district FILE: the district file the gateway serves (its name and assets)");
            if (!Uri.TryCreate(connect, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new BenchException($"--connect: \"{connect}\" is not an http:// or https:// URL");
            return new Target(SemsServer.Connect(connect, token), DistrictFiles.NameOf(file), file);
        }

        file ??= subsystems > 0 ? DistrictFiles.Generate(repo, subsystems) : defaultFile;
        var server = await SemsServer.StartAsync(repo, Path.GetFullPath(file), timeScale, serverEnvironment);
        return new Target(server, DistrictFiles.NameOf(file), file);
    }

    /// <summary>Polls GetStatus until the district's first cycle is done (at most 3 min) and returns that status.</summary>
    public static async Task<GridStatus> WaitForFirstCycleAsync(GridConstraints.GridConstraintsClient client, GetStatusRequest request, SemsServer server)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await client.GetStatusAsync(request, server.Headers(), DateTime.UtcNow.AddSeconds(30));
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.Unavailable && waited.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(200);
            }
        }
    }
}
