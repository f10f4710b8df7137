using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Sems.Api.V1;

namespace Sems.Gateway.Tests.Tls;

/// <summary>
/// Sems:Gateway:RequireClientCertificate=true with Sems:Gateway:ClientCaPath naming a PEM file with the test's own
/// certificate authority: a client certificate issued by it gets through; a stranger's (self-signed, or issued by
/// another authority of the same name) and no certificate at all are refused in the handshake.
/// </summary>
public sealed class ClientAuthorityTests : IAsyncLifetime
{
    private readonly X509Certificate2 _authority = TestCertificates.Authority("sems-test-ca");
    private TlsGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TlsGateway.StartAsync(
        new Dictionary<string, string> { ["RequireClientCertificate"] = "true", ["ClientCaPath"] = "{ca.pem}" },
        new Dictionary<string, Action<string>> { ["ca.pem"] = path => TestCertificates.WritePem(_authority, path) });

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _authority.Dispose();
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_certificate_issued_by_the_configured_authority_gets_through(SslProtocols protocol)
    {
        using var client = TestCertificates.IssuedClient(_authority, "adapter-1");

        var probe = await TlsProbe.ConnectAsync(_gateway.GrpcAddress, _gateway.ServerCertificate, client, protocol);

        _gateway.AssertAccepted(probe);
    }

    [Fact]
    public async Task A_grpc_call_with_a_certificate_of_the_authority_is_answered()
    {
        using var client = TestCertificates.IssuedClient(_authority, "adapter-1");
        using var channel = TlsGateway.Channel(_gateway.GrpcAddress, _gateway.TrustingHandler(client), TlsGateway.Token("adapter-1"));

        var districts = await new Districts.DistrictsClient(channel).ListDistrictsAsync(new ListDistrictsRequest());

        Assert.Empty(districts.Districts);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_strangers_self_signed_certificate_is_refused(SslProtocols protocol)
    {
        using var stranger = TestCertificates.SelfSignedClient("adapter-1");

        var probe = await TlsProbe.ConnectAsync(_gateway.GrpcAddress, _gateway.ServerCertificate, stranger, protocol);

        await _gateway.AssertRefusedInHandshakeAsync(probe);
    }

    [Fact]
    public async Task A_grpc_call_with_a_strangers_certificate_gets_no_answer()
    {
        using var stranger = TestCertificates.SelfSignedClient("adapter-1");
        using var channel = TlsGateway.Channel(_gateway.GrpcAddress, _gateway.TrustingHandler(stranger), TlsGateway.Token("adapter-1"));

        await TlsGateway.RefusedAsync(async options => await new Districts.DistrictsClient(channel).ListDistrictsAsync(new ListDistrictsRequest(), options));
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_certificate_issued_by_another_authority_of_the_same_name_is_refused(SslProtocols protocol)
    {
        using var impostor = TestCertificates.Authority("sems-test-ca");
        using var client = TestCertificates.IssuedClient(impostor, "adapter-1");

        var probe = await TlsProbe.ConnectAsync(_gateway.GrpcAddress, _gateway.ServerCertificate, client, protocol);

        await _gateway.AssertRefusedInHandshakeAsync(probe);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_client_without_a_certificate_is_refused(SslProtocols protocol)
    {
        var probe = await TlsProbe.ConnectAsync(_gateway.GrpcAddress, _gateway.ServerCertificate, client: null, protocol);

        await _gateway.AssertRefusedInHandshakeAsync(probe);
    }
}
