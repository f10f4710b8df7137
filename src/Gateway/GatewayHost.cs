using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sems.Contracts.History;
using Sems.Gateway.Api;
using Sems.Gateway.Auth;
using Sems.Gateway.Grpc;
using Sems.Gateway.Observability;
using Sems.Gateway.Streams;
using Sems.Grains;

namespace Sems.Gateway;

/// <summary>
/// Composes the sems.v1 gateway into an ASP.NET Core application that has an Orleans cluster client (its own, or the
/// silo's when co-hosted): the Kestrel endpoints, credentials, the three gRPC services with health and reflection,
/// and the routes of the HTTP endpoint.
/// </summary>
public static class GatewayHost
{
    /// <summary>
    /// Registers the gateway's services and endpoints. Call after the Orleans client or silo is configured, so the
    /// history sink and clock it registered are used. Throws <see cref="InvalidOperationException"/> naming every bad
    /// setting (and when no signing key is set without <paramref name="insecureDev"/>).
    /// </summary>
    public static ApiEndpointOptions AddSemsGateway(this WebApplicationBuilder builder, bool insecureDev)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(ApiEndpointOptions.Section).Get<ApiEndpointOptions>() ?? new ApiEndpointOptions();
        var problems = options.Problems().ToList();
        if (insecureDev && IPAddress.TryParse(options.Address, out var given) && !IPAddress.IsLoopback(given))
            problems.Add($"{ApiEndpointOptions.Section}:Address: \"{options.Address}\" is not loopback; --insecure-dev serves without credentials and so binds loopback only");
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));

        var address = IPAddress.Parse(options.Address);
        var certificate = LoadCertificate(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelay;
            kestrel.Limits.Http2.KeepAlivePingTimeout = options.KeepAliveTimeout;
            kestrel.Listen(address, options.GrpcPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                UseTls(listen, certificate, options);
            });
            kestrel.Listen(address, options.HttpPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                UseTls(listen, certificate, options);
            });
        });

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHistorySink>(NullHistorySink.Instance);
        services.AddSemsAuth(builder.Configuration, insecureDev);
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ApiErrorInterceptor>();
            grpc.MaxReceiveMessageSize = DistrictOperations.MaxFileBytes + 1024 * 1024;
            grpc.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        services.AddSingleton<DistrictGrains>();
        services.AddSingleton<StatusBuilder>();
        services.AddSingleton<GridOperations>();
        services.AddSingleton<TelemetryOperations>();
        services.AddSingleton<DistrictOperations>();
        services.AddSingleton<StatusStreams>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<AuditLog>();
        services.AddSemsObservability(builder.Configuration);
        services.AddOrleansDashboardAccess();
        services.AddSemsRest();
        return options;
    }

    /// <summary>
    /// Maps the gRPC services (authenticated), health (gRPC and /healthz), reflection, /metrics and, when the host added
    /// Orleans' dashboard to its silo or client (<paramref name="orleansDashboard"/>), that dashboard at /orleans for administrators.
    /// </summary>
    public static WebApplication MapSemsGateway(this WebApplication app, bool orleansDashboard = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<GridConstraintsService>().RequireAuthorization();
        app.MapGrpcService<TelemetryService>().RequireAuthorization();
        app.MapGrpcService<DistrictsService>().RequireAuthorization();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapHealthChecks("/healthz", new HealthCheckOptions());
        app.MapSemsMetrics();
        if (orleansDashboard) app.MapOrleansDashboardForAdmins();
        app.MapSemsRest();
        app.MapSemsDashboard();
        return app;
    }

    private static X509Certificate2? LoadCertificate(ApiEndpointOptions options)
    {
        if (options.TlsCertificatePath is not { } path) return null;
        return options.TlsKeyPath is { } key ? X509Certificate2.CreateFromPemFile(path, key) : X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }

    private static void UseTls(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen, X509Certificate2? certificate, ApiEndpointOptions options)
    {
        if (certificate is null) return;
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            ClientCertificateMode = options.RequireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.NoCertificate,
        });
    }
}
