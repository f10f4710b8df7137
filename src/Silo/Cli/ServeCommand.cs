using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Sems.Contracts;
using Sems.Engine.Model;
using Sems.Gateway;
using Sems.Grains;
using Sems.Silo.Hosting;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems serve FILE…</c>: a silo host configured from appsettings.json and environment variables (Orleans providers,
/// Sems and Mpc options) that loads the districts and runs the receding-horizon coordination until stopped.
/// Its Orleans endpoints listen on loopback unless <c>--listen ADDRESS --allow-unauthenticated</c> (or the
/// "Sems:Listen" section, see <see cref="ListenSettings"/>) says otherwise; it logs both endpoints on stderr.
/// </summary>
internal static class ServeCommand
{
    public const string Notes = """
        Providers come from appsettings.json and environment variables (prefix SEMS_); the default is localhost
        clustering with in-memory storage and reminders. --connection (or the setting ConnectionStrings:sems, or the
        environment variable SEMS_ConnectionStrings__sems; the option wins, then the variable) selects PostgreSQL for
        clustering, storage and reminders.
        Every district is served under its file's name (an id), so several files must name different districts; the
        setting Sems:DistrictId may give a single file another key.
        The silo and gateway endpoints listen on 127.0.0.1 only and are logged on stderr. They are unauthenticated:
        --listen (or Sems:Listen:Address) binds another address only together with --allow-unauthenticated.
        --start and --time-scale: the SEMS clock (what the grains judge measurements, set-points and cycles by) starts
        at --start (default: now) and runs --time-scale times as fast as real time; Orleans itself runs on real time.
        Exit code: 0 after Ctrl-C, 2 invalid file, option or setting, 3 a file cannot be read.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "The district file(s) (JSON) to serve.", Arity = ArgumentArity.OneOrMore };
        var connection = CliOptions.Text("--connection", "PostgreSQL connection string for clustering, grain storage and reminders (default: in memory).", "CONN");
        var timeScale = CliOptions.Number("--time-scale", "How many times faster than real time the SEMS clock runs, above 0 up to 10000.", 1, 0, false, ScaledTimeProvider.MaxScale, true, "above 0 and at most 10000");
        var start = CliOptions.Timestamp("--start", "The SEMS time of the first cycle (default: now, rounded down to a step).");
        var origin = CliOptions.Timestamp("--clock-origin", "The real instant at which the SEMS clock reads --start (default: when this process starts); give every silo of a cluster the same --start and --clock-origin so their clocks agree.");
        var listen = new Option<string>("--listen") { Description = "The IP address both endpoints listen on (default 127.0.0.1); not loopback needs --allow-unauthenticated.", HelpName = "ADDRESS" };
        var allow = new Option<bool>("--allow-unauthenticated") { Description = "Acknowledges that anyone who reaches a non-loopback --listen address controls the district." };
        var siloPort = new Option<string>("--silo-port") { Description = "Port of the silo-to-silo endpoint, 1–65535 (default 11111).", HelpName = "PORT" };
        var gatewayPort = new Option<string>("--gateway-port") { Description = "Port of the Orleans client gateway, 1–65535 (default 30000).", HelpName = "PORT" };
        var grpcPort = new Option<string>("--grpc-port") { Description = "Port of the sems.v1 gRPC API (h2c), 0–65535 (default 50051; 0 picks a free one).", HelpName = "PORT" };
        var httpPort = new Option<string>("--http-port") { Description = "Port of REST, the dashboard, /metrics and /healthz (HTTP/1.1), 0–65535 (default 8080).", HelpName = "PORT" };
        var insecure = new Option<bool>("--insecure-dev") { Description = "Serves the API without credentials (every caller may do everything), on loopback only; without it the API needs Sems:Auth:SigningKey." };
        var command = new Command("serve",
            "Starts a silo with the sems.v1 API (gRPC, REST, dashboard), loads the districts and runs a coordination cycle every step until stopped (Ctrl-C).")
        {
            files, connection, timeScale, start, origin, listen, allow, siloPort, gatewayPort, grpcPort, httpPort, insecure,
        };
        command.SetAction(result =>
        {
            var settings = new Dictionary<string, string?>();
            if (result.GetValue(listen) is { } address) settings[$"{ListenSettings.Section}:Address"] = address;
            if (result.GetValue(siloPort) is { } silo) settings[$"{ListenSettings.Section}:SiloPort"] = silo;
            if (result.GetValue(gatewayPort) is { } gateway) settings[$"{ListenSettings.Section}:GatewayPort"] = gateway;
            if (result.GetValue(allow)) settings[$"{ListenSettings.Section}:AllowUnauthenticated"] = "true";
            if (result.GetValue(connection) is { } text) settings[SemsConnection.Key] = text;
            if (result.GetValue(listen) is { } apiAddress) settings[$"{ApiEndpointOptions.Section}:Address"] = apiAddress;
            if (result.GetValue(grpcPort) is { } grpc) settings[$"{ApiEndpointOptions.Section}:GrpcPort"] = grpc;
            if (result.GetValue(httpPort) is { } http) settings[$"{ApiEndpointOptions.Section}:HttpPort"] = http;
            return Run(result.GetRequiredValue(files), result.GetValue(start), result.GetValue(origin), result.GetValue(timeScale), result.GetValue(insecure), settings, stdout, stderr);
        });
        return command;
    }

    private static int Run(IReadOnlyList<string> files, DateTimeOffset? start, DateTimeOffset? origin, double timeScale, bool insecureDev, Dictionary<string, string?> settings, TextWriter stdout, TextWriter stderr)
    {
        // A live silo plans within its cycle budget: the elastic explanation of an infeasible plan runs after the cycle.
        settings.TryAdd("Sems:ExplainInfeasibilityInCycle", "false");
        var districts = new List<(District District, string Json)>();
        foreach (var file in files)
        {
            if (DistrictLoader.Load(file, stderr, out var loadExit) is not { } loaded) return loadExit;
            districts.Add(loaded);
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.AddEnvironmentVariables("SEMS_");
        builder.Configuration.AddInMemoryCollection(settings);
        if (ListenSettings.Read(builder.Configuration, out var listenProblem) is not { } endpoints) return SemsCli.Fail(stderr, listenProblem!);
        if (Keys(districts, builder.Configuration["Sems:DistrictId"], out var keyProblem) is not { } keys) return SemsCli.Fail(stderr, keyProblem!);

        var step = TimeSpan.FromMinutes(districts[0].District.StepMinutes);
        var now = DateTimeOffset.UtcNow;
        var first = start ?? new DateTimeOffset(now.Ticks - now.Ticks % step.Ticks, TimeSpan.Zero);
        // Without --start and --time-scale the SEMS clock is the real one; otherwise it starts at the first cycle.
        TimeProvider clock = start is null && origin is null && timeScale == 1 ? TimeProvider.System : new ScaledTimeProvider(TimeProvider.System, first, timeScale, origin);

        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        string? persistenceProblem = null;
        var connection = SemsConnection.Resolve(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            // Without a connection string: a single silo's development clustering on loopback, unless the "Orleans"
            // section names a clustering provider; with one, PostgreSQL clustering (ConfigurePersistence).
            if (connection is null && !builder.Configuration.GetSection("Orleans:Clustering").Exists()) silo.UseLocalhostClustering();
            silo.ListenOn(endpoints);
            // A dead silo is declared dead within about 5 s (2 missed probes of 2 s), so its grains move on quickly.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            SemsHost.ConfigureClocks(silo.Services, clock);
            try
            {
                SemsHost.ConfigurePersistence(silo, builder.Services, connection);
            }
            catch (InvalidOperationException e)
            {
                persistenceProblem = e.Message;
            }

            silo.AddSems(builder.Configuration);
            silo.AddDashboard();
        });
        if (persistenceProblem is not null) return SemsCli.Fail(stderr, persistenceProblem);
        ApiEndpointOptions api;
        try
        {
            // The API in the same process: an Orleans client is the silo itself, its history sink and clock are shared.
            api = builder.AddSemsGateway(insecureDev);
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException)
        {
            return SemsCli.Fail(stderr, $"serve: {e.Message}");
        }

        // Settings are bound when a grain first needs them; check them now so a bad one is an error before anything starts.
        try
        {
            _ = builder.Configuration.GetSection(SemsGrainOptions.Section).Get<SemsGrainOptions>();
            _ = SemsSiloConfiguration.ReadMpcOptions(builder.Configuration.GetSection(Sems.Engine.Mpc.MpcOptions.Section));
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException)
        {
            return SemsCli.Fail(stderr, $"serve: a setting is not valid: {e.Message}");
        }

        using var host = builder.Build();
        host.MapSemsGateway(orleansDashboard: true);
        try
        {
            host.Start();
        }
        catch (Exception e) when (Innermost(e) is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            // The store (PostgreSQL) cannot be reached or used: an I/O failure, said in one line without the connection string.
            stderr.WriteLine($"sems: serve: the silo could not start: {Innermost(e).Message}");
            return SemsCli.IoFailure;
        }
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sems.Silo.Serve");
        var options = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        ServeLog.Listening(logger,
            options.SiloListeningEndpoint ?? new(options.AdvertisedIPAddress, options.SiloPort),
            options.GatewayListeningEndpoint ?? new(options.AdvertisedIPAddress, options.GatewayPort));
        if (!IPAddress.IsLoopback(endpoints.Address)) ServeLog.Unauthenticated(logger, endpoints.Address);
        if (clock is ScaledTimeProvider scaled) ServeLog.Clock(logger, scaled.Start, scaled.Scale);
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        ServeLog.Api(logger, string.Join(", ", addresses));
        if (insecureDev) ServeLog.InsecureDev(logger, api.Address);

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var coordinators = new List<IDistrictCoordinatorGrain>();
        for (var k = 0; k < districts.Count; k++)
        {
            var (district, json) = districts[k];
            var coordinator = grains.GetGrain<IDistrictCoordinatorGrain>(keys[k]);
            var districtStep = TimeSpan.FromMinutes(district.StepMinutes);
            var districtFirst = start ?? new DateTimeOffset(first.Ticks - first.Ticks % districtStep.Ticks, TimeSpan.Zero);
            var problems = coordinator.Configure(DistrictDefinitions.FromDistrict(district, DistrictDefinitions.ContentHash(json)), districtFirst).GetAwaiter().GetResult();
            if (problems.Length > 0)
            {
                stderr.WriteLine($"sems: {files[k]}:");
                foreach (var problem in problems) stderr.WriteLine($"  {problem}");
                return SemsCli.InvalidInput;
            }

            // No cycle is run here: Start resumes the coordinator's own clock-true timer, which runs the current cycle now
            // if it has not run yet. Another silo of the cluster serving the same file therefore adds no cycle.
            var version = coordinator.GetVersion().GetAwaiter().GetResult();
            stdout.WriteLine($"sems: district \"{district.Name}\" loaded as \"{keys[k]}\" (definition version {version?.Number}); a cycle runs every {district.StepMinutes} min{ClockNote(clock)}.");
            coordinators.Add(coordinator);
        }

        foreach (var coordinator in coordinators) coordinator.Start().GetAwaiter().GetResult();
        stdout.WriteLine("sems: serving; Ctrl-C stops.");
        KeepCoordinatorsActive(host, coordinators, ScaledTimeProvider.WallTime(clock, step), logger).GetAwaiter().GetResult();
        return 0;
    }

    /// <summary>
    /// Until the host stops, calls every coordinator twice a step (real time, at least once every 30 s). A call
    /// activates a coordinator whose silo died on a silo that lives, where it resumes at the current cycle; its durable
    /// reminder does the same, but only once a minute.
    /// </summary>
    private static async Task KeepCoordinatorsActive(IHost host, IReadOnlyList<IDistrictCoordinatorGrain> coordinators, TimeSpan realStep, ILogger logger)
    {
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var period = TimeSpan.FromTicks(Math.Clamp(realStep.Ticks / 2, TimeSpan.FromMilliseconds(250).Ticks, TimeSpan.FromSeconds(30).Ticks));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                foreach (var coordinator in coordinators)
                {
                    try
                    {
                        await coordinator.GetVersion().WaitAsync(period * 4, stopping);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        ServeLog.CoordinatorUnreachable(logger, coordinator.GetPrimaryKeyString(), e.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: the host stops.
        }

        await host.WaitForShutdownAsync();
    }

    /// <summary>
    /// The grain key of each district: its name (an id, so it is a valid key); a single file may be given another key
    /// by the setting Sems:DistrictId. Names must differ between the files served together.
    /// </summary>
    private static IReadOnlyList<string>? Keys(IReadOnlyList<(District District, string Json)> districts, string? configuredId, out string? problem)
    {
        problem = null;
        if (!string.IsNullOrEmpty(configuredId) && !Identifier.IsValid(configuredId))
        {
            problem = $"serve: the setting Sems:DistrictId {Sems.Engine.Json.JsonCursor.Quote(configuredId)} {Identifier.Rule}";
            return null;
        }

        if (districts.Count == 1) return [string.IsNullOrEmpty(configuredId) ? districts[0].District.Name : configuredId];
        var keys = districts.Select(d => d.District.Name).ToList();
        if (keys.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            problem = $"serve: {repeated.Count()} district files name the district \"{repeated.Key}\"; served together, districts need different names";
            return null;
        }

        return keys;
    }

    private static string ClockNote(TimeProvider clock) => clock is ScaledTimeProvider { Scale: not 1 } scaled
        ? $" of SEMS time ({scaled.Scale:G6}× real time)"
        : "";

    private static Exception Innermost(Exception e)
    {
        for (var inner = e; ; inner = inner.InnerException!)
        {
            if (inner is System.Data.Common.DbException || inner.InnerException is null) return inner is AggregateException { InnerExceptions.Count: > 0 } a ? Innermost(a.InnerExceptions[0]) : inner;
        }
    }
}
