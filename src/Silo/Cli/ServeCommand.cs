using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sems.Contracts;
using Sems.Silo.Hosting;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems serve FILE</c>: a silo host configured from appsettings.json and environment variables (Orleans providers,
/// Sems and Mpc options) that loads the district and runs the receding-horizon coordination until stopped.
/// Its Orleans endpoints listen on loopback unless <c>--listen ADDRESS --allow-unauthenticated</c> (or the
/// "Sems:Listen" section, see <see cref="ListenSettings"/>) says otherwise; it logs both endpoints on stderr.
/// </summary>
internal static class ServeCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        DateTimeOffset? start = null;
        var listen = new Dictionary<string, string?>();
        for (var k = 0; k < args.Length; k++)
        {
            if (args[k] is "--listen" or "--silo-port" or "--gateway-port")
            {
                if (k + 1 >= args.Length) return SemsCli.Fail(stderr, $"{args[k]} needs a value");
                var setting = args[k] switch { "--listen" => "Address", "--silo-port" => "SiloPort", _ => "GatewayPort" };
                listen[$"{ListenSettings.Section}:{setting}"] = args[++k];
            }
            else if (args[k] == "--allow-unauthenticated")
            {
                listen[$"{ListenSettings.Section}:AllowUnauthenticated"] = "true";
            }
            else if (args[k] == "--start")
            {
                if (k + 1 >= args.Length || !DateTimeOffset.TryParse(args[k + 1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    return SemsCli.Fail(stderr, "--start needs an ISO 8601 timestamp");
                start = parsed;
                k++;
            }
            else if (args[k].StartsWith("--", StringComparison.Ordinal)) return SemsCli.Fail(stderr, $"unknown option {args[k]}");
            else if (file is null) file = args[k];
            else return SemsCli.Fail(stderr, $"one district file at a time (got \"{file}\" and \"{args[k]}\")");
        }

        if (file is null) return SemsCli.Fail(stderr, "serve needs a district FILE");
        if (DistrictLoader.Load(file, stderr, out var loadExit) is not var (district, json)) return loadExit;

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.AddEnvironmentVariables("SEMS_");
        builder.Configuration.AddInMemoryCollection(listen);
        if (ListenSettings.Read(builder.Configuration, out var listenProblem) is not { } endpoints) return SemsCli.Fail(stderr, listenProblem!);

        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.UseOrleans(silo =>
        {
            if (!builder.Configuration.GetSection("Orleans:Clustering").Exists()) silo.UseLocalhostClustering();
            silo.ListenOn(endpoints);
            silo.AddSems(builder.Configuration);
        });
        using var host = builder.Build();
        host.Start();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sems.Silo.Serve");
        var options = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        ServeLog.Listening(logger,
            options.SiloListeningEndpoint ?? new(options.AdvertisedIPAddress, options.SiloPort),
            options.GatewayListeningEndpoint ?? new(options.AdvertisedIPAddress, options.GatewayPort));
        if (!IPAddress.IsLoopback(endpoints.Address)) ServeLog.Unauthenticated(logger, endpoints.Address);

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var key = builder.Configuration["Sems:DistrictId"] ?? CoordinateCommand.DistrictKey;
        var coordinator = grains.GetGrain<IDistrictCoordinatorGrain>(key);
        var step = TimeSpan.FromMinutes(district.StepMinutes);
        var now = DateTimeOffset.UtcNow;
        var first = start ?? new DateTimeOffset(now.Ticks - now.Ticks % step.Ticks, TimeSpan.Zero);
        var problems = coordinator.Configure(json, first).GetAwaiter().GetResult();
        if (problems.Length > 0)
        {
            foreach (var problem in problems) stderr.WriteLine($"  {problem}");
            return SemsCli.InvalidInput;
        }

        var report = coordinator.RunCycle().GetAwaiter().GetResult();
        stdout.WriteLine($"sems: district \"{district.Name}\" loaded as \"{key}\"; cycle 0 done in {Units.Number(report.WallMs, 1)} ms; a cycle runs every {district.StepMinutes} min. Ctrl-C stops.");
        coordinator.Start().GetAwaiter().GetResult();
        host.WaitForShutdown();
        return 0;
    }
}
