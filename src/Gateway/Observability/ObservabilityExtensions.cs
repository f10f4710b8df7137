using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Sems.Gateway.Observability;

/// <summary>
/// OpenTelemetry for a SEMS host: the SEMS grains' and the gateway's metrics and traces with Orleans' and ASP.NET Core's,
/// served to Prometheus on <c>/metrics</c> and, when <c>Sems:Otlp:Endpoint</c> is set, exported over OTLP.
/// </summary>
public static class ObservabilityExtensions
{
    /// <summary>The service name in the resource of every exported metric and span.</summary>
    public const string ServiceName = "sems";

    /// <summary>The path Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Meters collected: the grains' ("Sems"), the gateway's, Orleans' and ASP.NET Core's hosting and Kestrel meters.</summary>
    public static IReadOnlyList<string> Meters { get; } =
        ["Sems", "Sems.Gateway", "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>Activity sources traced: the grains', the gateway's, Orleans' grain calls (runtime and application) and ASP.NET Core's requests.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
        ["Sems", "Sems.Gateway", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.AspNetCore"];

    /// <summary>
    /// Registers OpenTelemetry metrics (<see cref="Meters"/>, Prometheus exporter) and tracing (<see cref="ActivitySources"/>),
    /// both also exported over OTLP when <see cref="OtlpExportOptions.Section"/> configures an endpoint. A bad setting
    /// throws <see cref="OptionsValidationException"/> naming the setting and its value. Orleans spans form one trace
    /// across grain calls only with <c>AddActivityPropagation()</c> on every silo and client builder.
    /// </summary>
    public static IServiceCollection AddSemsObservability(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(OtlpExportOptions.Section);
        var otlp = new OtlpExportOptions();
        section.Bind(otlp);
        if (otlp.Validate() is { Count: > 0 } problems) throw new OptionsValidationException(OtlpExportOptions.Section, typeof(OtlpExportOptions), problems);
        services.AddOptions<OtlpExportOptions>().Bind(section);

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(ObservabilityExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters]).AddPrometheusExporter();
                if (otlp.Enabled) metrics.AddOtlpExporter(exporter => Configure(exporter, otlp, "v1/metrics"));
            })
            .WithTracing(tracing =>
            {
                // ASP.NET Core's own source ("Microsoft.AspNetCore") through its instrumentation, which names each request's
                // span by method and route and adds the HTTP semantic-convention tags; Prometheus' scrapes are not traced.
                tracing.AddSource([.. ActivitySources])
                    .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.Ordinal));
                if (otlp.Enabled) tracing.AddOtlpExporter(exporter => Configure(exporter, otlp, "v1/traces"));
            });
        return services;
    }

    /// <summary>Maps <see cref="MetricsPath"/> to the Prometheus scraping endpoint (text exposition format).</summary>
    public static IEndpointConventionBuilder MapSemsMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
    }

    /// <summary>gRPC takes the collector's base address; OTLP over HTTP takes one path per signal under it.</summary>
    private static void Configure(OtlpExporterOptions exporter, OtlpExportOptions options, string signalPath)
    {
        var endpoint = options.EndpointUri;
        if (options.Protocol == OtlpExportOptions.HttpProtobuf)
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            var baseUri = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
            exporter.Endpoint = new Uri(baseUri, signalPath);
        }
        else
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
        }
    }
}
