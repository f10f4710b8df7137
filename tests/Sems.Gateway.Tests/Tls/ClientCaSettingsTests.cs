using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Sems.Gateway.Tests.Tls;

/// <summary>Sems:Gateway:ClientCaPath that cannot be used stops the gateway before it listens, naming the setting and the value.</summary>
public sealed class ClientCaSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sems-tls-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_authority_without_RequireClientCertificate_is_refused()
    {
        using var authority = TestCertificates.Authority("settings-ca");
        var ca = File(name: "ca.pem", write: path => TestCertificates.WritePem(authority, path));

        var refused = Assert.Throws<InvalidOperationException>(() => Add(new() { ["ClientCaPath"] = ca }));

        Assert.Contains($"Sems:Gateway:ClientCaPath: \"{ca}\" is set but Sems:Gateway:RequireClientCertificate is not true", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_authority_file_is_refused()
    {
        var missing = Path.Combine(_folder, "nowhere.pem");

        var refused = Assert.Throws<InvalidOperationException>(() => Add(new() { ["RequireClientCertificate"] = "true", ["ClientCaPath"] = missing }));

        Assert.Contains($"Sems:Gateway:ClientCaPath: \"{missing}\" does not exist", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_certificate_is_refused()
    {
        var text = File(name: "ca.pem", write: path => System.IO.File.WriteAllText(path, "not a certificate\n"));

        var refused = Assert.Throws<InvalidOperationException>(() => Add(new() { ["RequireClientCertificate"] = "true", ["ClientCaPath"] = text }));

        Assert.Contains($"Sems:Gateway:ClientCaPath: \"{text}\" is not a PEM or DER certificate", refused.Message, StringComparison.Ordinal);
    }

    private string File(string name, Action<string> write)
    {
        var path = Path.Combine(_folder, name);
        write(path);
        return path;
    }

    /// <summary>AddSemsGateway on a fresh builder with a server certificate and <paramref name="settings"/> under Sems:Gateway.</summary>
    private void Add(Dictionary<string, string> settings)
    {
        using var server = TestCertificates.Server();
        var certificate = File("server.pfx", path => TestCertificates.WritePkcs12(server, path));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        var configuration = new Dictionary<string, string?>
        {
            ["Sems:Auth:SigningKey"] = GatewayFixture.SigningKey,
            [$"{ApiEndpointOptions.Section}:TlsCertificatePath"] = certificate,
        };
        foreach (var (key, value) in settings) configuration[$"{ApiEndpointOptions.Section}:{key}"] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddSemsGateway(insecureDev: false);
    }
}
