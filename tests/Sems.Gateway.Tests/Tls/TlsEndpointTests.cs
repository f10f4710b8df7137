using System.Net;
using System.Security.Authentication;
using Sems.Api.V1;

namespace Sems.Gateway.Tests.Tls;

/// <summary>
/// Sems:Gateway:TlsCertificatePath pointing at a self-signed PKCS#12 file (CN=localhost, SAN 127.0.0.1): both endpoints
/// speak TLS with that certificate. The clients trust exactly that certificate (its SHA-256 thumbprint), not a chain.
/// </summary>
public sealed class TlsEndpointTests : IAsyncLifetime
{
    private TlsGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TlsGateway.StartAsync(new Dictionary<string, string>());

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_grpc_call_over_https_succeeds_for_a_client_that_trusts_exactly_the_configured_certificate()
    {
        Assert.Equal(Uri.UriSchemeHttps, _gateway.GrpcAddress.Scheme);
        using var channel = TlsGateway.Channel(_gateway.GrpcAddress, _gateway.TrustingHandler(), TlsGateway.Token("tls-operator"));

        var districts = await new Districts.DistrictsClient(channel).ListDistrictsAsync(new ListDistrictsRequest());

        // No district is loaded on this host: an empty list, answered over TLS after the token was accepted.
        Assert.Empty(districts.Districts);
        var probe = await TlsProbe.ConnectAsync(_gateway.GrpcAddress, _gateway.ServerCertificate, client: null);
        _gateway.AssertAccepted(probe);
        Assert.Contains("ALPN h2", probe.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_http_endpoint_serves_healthz_over_https_with_the_same_certificate()
    {
        Assert.Equal(Uri.UriSchemeHttps, _gateway.HttpAddress.Scheme);
        using var http = new HttpClient(_gateway.TrustingHandler()) { BaseAddress = _gateway.HttpAddress };

        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        // Plain HTTP/1.1 on the same port is not served.
        using var plain = new HttpClient { BaseAddress = new UriBuilder(_gateway.HttpAddress) { Scheme = Uri.UriSchemeHttp }.Uri, Timeout = TimeSpan.FromSeconds(30) };
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(new Uri("/healthz", UriKind.Relative)));
    }

    [Fact]
    public async Task A_plain_h2c_client_gets_no_answer_from_the_tls_port()
    {
        var plain = new UriBuilder(_gateway.GrpcAddress) { Scheme = Uri.UriSchemeHttp }.Uri;
        using var channel = TlsGateway.Channel(plain, new SocketsHttpHandler(), TlsGateway.Token("h2c-client"));

        var refused = await TlsGateway.RefusedAsync(async options => await new Districts.DistrictsClient(channel).ListDistrictsAsync(new ListDistrictsRequest(), options));

        // The TLS listener reads the h2c preface as a broken handshake and drops the connection: no HTTP/2 from the server.
        Assert.Contains("did not complete the HTTP/2 handshake", refused.Status.DebugException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_trusts_another_certificate_refuses_the_server()
    {
        using var stranger = TestCertificates.Server();
        using var channel = TlsGateway.Channel(_gateway.GrpcAddress, TlsGateway.TrustingHandler(stranger, client: null), TlsGateway.Token("tls-operator"));

        var refused = await TlsGateway.RefusedAsync(async options => await new Districts.DistrictsClient(channel).ListDistrictsAsync(new ListDistrictsRequest(), options));

        // The thumbprint check is what the https call above relies on: another certificate of the same name fails it.
        Assert.IsType<AuthenticationException>(refused.Status.DebugException?.InnerException);
        Assert.Contains("RemoteCertificateValidationCallback", refused.Status.DebugException.InnerException.Message, StringComparison.Ordinal);
    }
}
