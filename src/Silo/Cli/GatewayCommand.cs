using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Sems.Gateway;
using Sems.Persistence.Hosting;
using Sems.Persistence.History;
using Sems.Silo.Hosting;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems gateway --cluster CONN</c>: the sems.v1 API alone, as an Orleans client of the silos that PostgreSQL lists
/// (started with <c>sems serve --connection CONN</c>); audit entries go to the same database's history.
/// </summary>
internal static class GatewayCommand
{
    public const string Notes = """
        The gateway finds the silos through PostgreSQL clustering and writes its audit entries to the history tables of
        the same database (create them with `sems db init`). It listens on 127.0.0.1 unless --listen says otherwise:
        gRPC (h2c) on --grpc-port, REST, the dashboard, /metrics and /healthz on --http-port.
        Credentials: Sems:Auth:SigningKey (environment SEMS_Sems__Auth__SigningKey), or --insecure-dev on loopback.
        Exit code: 0 after Ctrl-C, 2 invalid option or setting, 3 the database or the cluster cannot be reached.
        """;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cluster = CliOptions.Text("--cluster", "PostgreSQL connection string of the cluster (its membership table lists the silos).", "CONN");
        cluster.Required = true;
        var listen = new Option<string>("--listen") { Description = "The IP address the API listens on (default 127.0.0.1).", HelpName = "ADDRESS" };
        var grpcPort = new Option<string>("--grpc-port") { Description = "Port of the gRPC API (h2c), 0–65535 (default 50051).", HelpName = "PORT" };
        var httpPort = new Option<string>("--http-port") { Description = "Port of REST, the dashboard, /metrics and /healthz, 0–65535 (default 8080).", HelpName = "PORT" };
        var insecure = new Option<bool>("--insecure-dev") { Description = "Serves without credentials (every caller may do everything), on loopback only." };
        var command = new Command("gateway", "Runs the sems.v1 API (gRPC, REST, dashboard) as a client of a PostgreSQL-clustered set of silos.")
        {
            cluster, listen, grpcPort, httpPort, insecure,
        };
        command.SetAction(result =>
        {
            var settings = new Dictionary<string, string?>();
            if (result.GetValue(listen) is { } address) settings[$"{ApiEndpointOptions.Section}:Address"] = address;
            if (result.GetValue(grpcPort) is { } grpc) settings[$"{ApiEndpointOptions.Section}:GrpcPort"] = grpc;
            if (result.GetValue(httpPort) is { } http) settings[$"{ApiEndpointOptions.Section}:HttpPort"] = http;
            return Run(result.GetRequiredValue(cluster), result.GetValue(insecure), settings, stdout, stderr);
        });
        return command;
    }

    private static int Run(string connection, bool insecureDev, Dictionary<string, string?> settings, TextWriter stdout, TextWriter stderr)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.AddEnvironmentVariables("SEMS_");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        try
        {
            builder.UseOrleansClient(client => client.UseSemsPostgresClustering(SemsPostgresOrleans.WithPoolCap(connection)).AddActivityPropagation().AddDashboard());
            builder.Services.AddSemsPostgresHistory(connection, o => builder.Configuration.GetSection(HistoryOptions.Section).Bind(o));
            builder.AddSemsGateway(insecureDev);
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException or ArgumentException)
        {
            return SemsCli.Fail(stderr, $"gateway: {e.Message}");
        }

        using var app = builder.Build();
        app.MapSemsGateway(orleansDashboard: true);
        try
        {
            app.Start();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException or IOException
                                   or Orleans.Runtime.OrleansException)
        {
            stderr.WriteLine($"sems: gateway: could not start: {e.Message}");
            return SemsCli.IoFailure;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sems.Silo.Gateway");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        ServeLog.Api(logger, string.Join(", ", addresses));
        if (insecureDev) ServeLog.InsecureDev(logger, builder.Configuration[$"{ApiEndpointOptions.Section}:Address"] ?? "127.0.0.1");
        stdout.WriteLine("sems: gateway serving; Ctrl-C stops.");
        app.WaitForShutdown();
        return 0;
    }
}
