using System.Globalization;

namespace Sems.Gateway.Observability;

/// <summary>
/// Export of metrics and traces over OTLP (configuration section "Sems:Otlp"). Off unless <see cref="Endpoint"/> is set;
/// the Prometheus endpoint <c>/metrics</c> is served either way.
/// </summary>
public sealed class OtlpExportOptions
{
    public const string Section = "Sems:Otlp";

    /// <summary>The protocol value of OTLP over gRPC (collectors listen on port 4317 for it).</summary>
    public const string Grpc = "grpc";

    /// <summary>The protocol value of OTLP over HTTP with protobuf bodies (port 4318, paths /v1/metrics and /v1/traces).</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>The collector's base address, an absolute http or https URI such as <c>http://127.0.0.1:4317</c>; null or empty for no export.</summary>
    public string? Endpoint { get; set; }

    /// <summary><see cref="Grpc"/> (the default) or <see cref="HttpProtobuf"/>.</summary>
    public string Protocol { get; set; } = Grpc;

    /// <summary>Whether OTLP export is on: an endpoint is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The endpoint as a URI; call only when <see cref="Validate"/> found no problem and <see cref="Enabled"/> is true.</summary>
    public Uri EndpointUri => new(Endpoint!, UriKind.Absolute);

    /// <summary>Every problem, each naming the setting and its value; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Enabled)
        {
            if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:Endpoint: \"{Endpoint}\" is not an absolute http or https URI of an OTLP collector (e.g. http://127.0.0.1:4317)"));
        }

        if (Protocol is not (Grpc or HttpProtobuf))
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:Protocol: \"{Protocol}\" is not \"{Grpc}\" or \"{HttpProtobuf}\""));
        return problems;
    }
}
