using System.Net;

namespace Sems.Gateway;

/// <summary>
/// Where the gateway listens (section "Sems:Gateway"): gRPC (h2c, or h2 with TLS) on <see cref="GrpcPort"/>, HTTP/1.1
/// for REST, the dashboard, /metrics and /healthz on <see cref="HttpPort"/>, both on <see cref="Address"/> (loopback
/// unless told otherwise). TLS and client certificates are options of the host.
/// </summary>
public sealed class ApiEndpointOptions
{
    public const string Section = "Sems:Gateway";

    public string Address { get; set; } = IPAddress.Loopback.ToString();

    public int GrpcPort { get; set; } = 50051;

    public int HttpPort { get; set; } = 8080;

    /// <summary>A certificate (PEM, with <see cref="TlsKeyPath"/>, or PFX) that turns both endpoints to TLS.</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsKeyPath { get; set; }

    /// <summary>With TLS: every client must present a certificate that chains to a trusted root (mTLS).</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>HTTP/2 keepalive: a ping after this long without frames, and the connection closed if it is not answered in <see cref="KeepAliveTimeout"/>.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Every problem of the settings, naming the setting and its value.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!IPAddress.TryParse(Address, out _)) problems.Add($"{Section}:Address: \"{Address}\" is not an IP address");
        if (GrpcPort is < 0 or > 65535) problems.Add($"{Section}:GrpcPort: {GrpcPort} is not a port (0–65535; 0 picks a free one)");
        if (HttpPort is < 0 or > 65535) problems.Add($"{Section}:HttpPort: {HttpPort} is not a port (0–65535; 0 picks a free one)");
        if (GrpcPort == HttpPort && GrpcPort != 0) problems.Add($"{Section}:GrpcPort and HttpPort: both are {GrpcPort}; gRPC (HTTP/2) and HTTP/1.1 need their own ports");
        if (TlsCertificatePath is { } cert && !File.Exists(cert)) problems.Add($"{Section}:TlsCertificatePath: \"{cert}\" does not exist");
        if (TlsKeyPath is { } key && !File.Exists(key)) problems.Add($"{Section}:TlsKeyPath: \"{key}\" does not exist");
        if (RequireClientCertificate && TlsCertificatePath is null) problems.Add($"{Section}:RequireClientCertificate: client certificates need TLS (set TlsCertificatePath)");
        if (KeepAlivePingDelay <= TimeSpan.Zero) problems.Add($"{Section}:KeepAlivePingDelay: {KeepAlivePingDelay} is not a positive duration");
        if (KeepAliveTimeout <= TimeSpan.Zero) problems.Add($"{Section}:KeepAliveTimeout: {KeepAliveTimeout} is not a positive duration");
        return problems;
    }
}
