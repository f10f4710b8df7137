using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sems.Gateway.Auth;
using Sems.Gateway.Tests.Auth;

namespace Sems.Gateway.Tests.Tls;

/// <summary>
/// The host <see cref="GatewayFixture.StartAsync"/> builds (a silo on localhost clustering with the gateway on free
/// loopback ports and a signing key) with the TLS settings of a test: a server certificate written to a temporary
/// PKCS#12 file for Sems:Gateway:TlsCertificatePath, and whatever else the test adds (RequireClientCertificate,
/// ClientCaPath). Kestrel's messages about TLS connections are captured.
/// </summary>
public sealed class TlsGateway : IAsyncDisposable
{
    private const string HttpsCategory = "Microsoft.AspNetCore.Server.Kestrel.Https.Internal.HttpsConnectionMiddleware";
    private const string HandshakeFailed = "Failed to authenticate HTTPS connection.";

    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly CapturedLog _log;

    private TlsGateway(WebApplication app, string folder, X509Certificate2 server, Uri grpc, Uri http, CapturedLog log)
    {
        _app = app;
        _log = log;
        _folder = folder;
        ServerCertificate = server;
        GrpcAddress = grpc;
        HttpAddress = http;
    }

    /// <summary>The certificate the server presents (with its private key; the test's clients trust exactly this one).</summary>
    public X509Certificate2 ServerCertificate { get; }

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    /// <summary>
    /// Starts the host with a fresh self-signed server certificate and <paramref name="settings"/> (keys under
    /// Sems:Gateway, e.g. "RequireClientCertificate"); <paramref name="files"/> are written to the same temporary folder
    /// first and their paths replace "{name}" in the settings' values.
    /// </summary>
    public static async Task<TlsGateway> StartAsync(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, Action<string>>? files = null)
    {
        var folder = Directory.CreateTempSubdirectory("sems-tls-").FullName;
        var server = TestCertificates.Server();
        var certificatePath = Path.Combine(folder, "server.pfx");
        TestCertificates.WritePkcs12(server, certificatePath);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, write) in files ?? new Dictionary<string, Action<string>>())
        {
            paths[name] = Path.Combine(folder, name);
            write(paths[name]);
        }

        var configuration = new Dictionary<string, string?>
        {
            ["Sems:Auth:SigningKey"] = GatewayFixture.SigningKey,
            [$"{ApiEndpointOptions.Section}:TlsCertificatePath"] = certificatePath,
            // Kestrel says at Debug level when a TLS handshake fails; only the captured log listens at that level.
            [$"Logging:{typeof(CapturedLog).FullName}:LogLevel:{HttpsCategory}"] = "Debug",
        };
        foreach (var (key, value) in settings)
            configuration[$"{ApiEndpointOptions.Section}:{key}"] = paths.Aggregate(value, (v, p) => v.Replace($"{{{p.Key}}}", p.Value, StringComparison.Ordinal));

        var app = await GatewayFixture.StartAsync(new FakeTimeProvider(GatewayFixture.Epoch), configuration, insecureDev: false);
        var log = new CapturedLog();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var addresses = GatewayFixture.Addresses(app);
        return new TlsGateway(app, folder, server, addresses[0], addresses[1], log);
    }

    /// <summary>Kestrel's messages about TLS connections (category of its HTTPS middleware), oldest first.</summary>
    public IReadOnlyList<string> TlsLog => _log.Entries.Where(e => e.Category == HttpsCategory).Select(e => e.Message).ToList();

    /// <summary>
    /// The probe was refused in the TLS handshake: no HTTP/2 frame reached it, and Kestrel logged that it could not
    /// authenticate the connection (its server side of the handshake failed, so no request was read).
    /// </summary>
    public async Task AssertRefusedInHandshakeAsync(ProbeResult probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        Assert.False(probe.Accepted, probe.Detail);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!TlsLog.Contains(HandshakeFailed, StringComparer.Ordinal) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(TlsLog.Contains(HandshakeFailed, StringComparer.Ordinal), $"Kestrel logged no failed handshake; the client saw: {probe.Detail}; Kestrel: {string.Join(" / ", TlsLog)}");
    }

    /// <summary>The probe was let in, and Kestrel logged no failed handshake.</summary>
    public void AssertAccepted(ProbeResult probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        Assert.True(probe.Accepted, $"{probe.Detail}; Kestrel: {string.Join(" / ", TlsLog)}");
        Assert.DoesNotContain(HandshakeFailed, TlsLog);
    }

    /// <summary>A token with every scope for every district.</summary>
    public static string Token(string subject) =>
        TokenIssuer.Mint(new SemsAuthOptions { SigningKey = GatewayFixture.SigningKey }, subject, SemsScopes.All.ToArray(), ["*"], TimeSpan.FromHours(1), TimeProvider.System);

    /// <summary>
    /// An HTTP handler that trusts exactly <see cref="ServerCertificate"/> (its SHA-256 hash, not a chain) and presents
    /// <paramref name="client"/> when the server asks for a certificate.
    /// </summary>
    public HttpClientHandler TrustingHandler(X509Certificate2? client = null) => TrustingHandler(ServerCertificate, client);

    /// <summary>An HTTP handler that trusts exactly <paramref name="trusted"/> and presents <paramref name="client"/>.</summary>
    public static HttpClientHandler TrustingHandler(X509Certificate2 trusted, X509Certificate2? client)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => IsExactly(presented, trusted),
            ClientCertificateOptions = ClientCertificateOption.Manual,
        };
        if (client is not null) handler.ClientCertificates.Add(client);
        return handler;
    }

    /// <summary>Whether <paramref name="presented"/> is <paramref name="trusted"/>: the same SHA-256 thumbprint.</summary>
    public static bool IsExactly(X509Certificate? presented, X509Certificate2 trusted) =>
        presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == trusted.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>A gRPC channel to <paramref name="address"/> over <paramref name="handler"/> that sends <paramref name="token"/> with every call.</summary>
    public static GrpcChannel Channel(Uri address, HttpMessageHandler handler, string token)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        var secure = address.Scheme == Uri.UriSchemeHttps;
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            Credentials = ChannelCredentials.Create(secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = !secure,
            DisposeHttpClient = true,
        });
    }

    /// <summary>
    /// Runs a call that the transport must refuse: it fails with the client's own status (UNAVAILABLE or INTERNAL, by when
    /// the connection broke) and an <see cref="HttpRequestException"/>, so no HTTP/2 response came from the server.
    /// </summary>
    public static async Task<RpcException> RefusedAsync(Func<CallOptions, Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var refused = await Assert.ThrowsAsync<RpcException>(() => call(new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30))));
        Assert.Contains(refused.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.IsType<HttpRequestException>(refused.Status.DebugException);
        return refused;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        ServerCertificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
