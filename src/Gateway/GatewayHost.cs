using System.Net;
using System.Security.Cryptography;
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
    /// With <see cref="ApiEndpointOptions.RequireClientCertificate"/>: a file of the certificate authorities (PEM, or one
    /// DER certificate) whose client certificates are accepted, instead of the machine's trusted roots.
    /// </summary>
    public const string ClientCaPathSetting = $"{ApiEndpointOptions.Section}:ClientCaPath";

    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

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
        var clientAuthorities = LoadClientAuthorities(builder.Configuration[ClientCaPathSetting], options, problems);
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
                UseTls(listen, certificate, options, clientAuthorities);
            });
            kestrel.Listen(address, options.HttpPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                UseTls(listen, certificate, options, clientAuthorities);
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

    /// <summary>
    /// The certificate authorities of <see cref="ClientCaPathSetting"/> (PEM, one or more certificates, or one DER
    /// certificate), or null when it is not set; a problem naming the setting and the value when it cannot be used.
    /// </summary>
    private static X509Certificate2Collection? LoadClientAuthorities(string? path, ApiEndpointOptions options, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!options.RequireClientCertificate)
        {
            problems.Add($"{ClientCaPathSetting}: \"{path}\" is set but {ApiEndpointOptions.Section}:RequireClientCertificate is not true; the authorities only judge client certificates");
            return null;
        }

        if (!File.Exists(path))
        {
            problems.Add($"{ClientCaPathSetting}: \"{path}\" does not exist");
            return null;
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            if (File.ReadAllText(path).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)) authorities.ImportFromPemFile(path);
            else authorities.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }
        catch (CryptographicException e)
        {
            problems.Add($"{ClientCaPathSetting}: \"{path}\" is not a PEM or DER certificate: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{ClientCaPathSetting}: \"{path}\" cannot be read: {e.Message}");
            return null;
        }

        if (authorities.Count == 0) problems.Add($"{ClientCaPathSetting}: \"{path}\" holds no certificate");
        return authorities.Count == 0 ? null : authorities;
    }

    private static void UseTls(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen, X509Certificate2? certificate, ApiEndpointOptions options,
        X509Certificate2Collection? clientAuthorities)
    {
        if (certificate is null) return;
        var https = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            ClientCertificateMode = options.RequireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.NoCertificate,
        };
        // Without authorities of its own Kestrel accepts a chain to a root the machine trusts; with them, only theirs.
        if (clientAuthorities is not null) https.ClientCertificateValidation = (client, presented, _) => IsIssuedBy(client, presented, clientAuthorities);
        listen.UseHttps(https);
    }

    /// <summary>
    /// Whether <paramref name="client"/> chains to one of <paramref name="authorities"/> and to nothing else: a chain built
    /// on those roots alone (the machine's store is not consulted; intermediates the client sent in the handshake may
    /// link it), valid now, each issuer a CA, the leaf usable for client authentication (when it names its usages).
    /// Revocation is not checked: a private CA seldom publishes a CRL.
    /// </summary>
    private static bool IsIssuedBy(X509Certificate2 client, X509Chain? presented, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        if (presented is not null) chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthenticationOid));
        try
        {
            return chain.Build(client);
        }
        finally
        {
            foreach (var element in chain.ChainElements) element.Certificate.Dispose();
        }
    }
}
