using System.Security.Authentication;
using Sems.Api.V1;

namespace Sems.Gateway.Tests.Tls;

/// <summary>
/// Sems:Gateway:RequireClientCertificate=true without Sems:Gateway:ClientCaPath: Kestrel's own validation, a chain to a
/// root the machine trusts. A client without a certificate is refused in the handshake, and so is one whose certificate
/// is self-signed (no trusted root vouches for it).
/// </summary>
public sealed class ClientCertificateTests : IAsyncLifetime
{
    private TlsGateway _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await TlsGateway.StartAsync(new Dictionary<string, string> { ["RequireClientCertificate"] = "true" });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_client_without_a_certificate_is_refused_at_the_tls_handshake(SslProtocols protocol)
    {
        var probe = await TlsProbe.ConnectAsync(_gateway.GrpcAddress, _gateway.ServerCertificate, client: null, protocol);

        await _gateway.AssertRefusedInHandshakeAsync(probe);
    }

    [Fact]
    public async Task A_grpc_call_without_a_client_certificate_gets_no_answer()
    {
        using var channel = TlsGateway.Channel(_gateway.GrpcAddress, _gateway.TrustingHandler(), TlsGateway.Token("no-certificate"));

        await TlsGateway.RefusedAsync(async options => await new Districts.DistrictsClient(channel).ListDistrictsAsync(new ListDistrictsRequest(), options));
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_self_signed_client_certificate_is_refused_without_a_configured_authority(SslProtocols protocol)
    {
        using var client = TestCertificates.SelfSignedClient("adapter-7");

        var probe = await TlsProbe.ConnectAsync(_gateway.GrpcAddress, _gateway.ServerCertificate, client, protocol);

        await _gateway.AssertRefusedInHandshakeAsync(probe);
    }
}
