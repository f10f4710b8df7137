using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sems.Gateway.Tests.Tls;

/// <summary>
/// Certificates made for one test with <see cref="CertificateRequest"/>: the server's (CN=localhost, SAN localhost and
/// 127.0.0.1, self-signed), a certificate authority, client certificates issued by it, and strangers' self-signed ones.
/// Each is returned after a round trip through PKCS#12, as a file on disk would give it.
/// </summary>
public static class TestCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>A self-signed server certificate for localhost and 127.0.0.1, valid from an hour ago for a day.</summary>
    public static X509Certificate2 Server()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        return RoundTrip(made);
    }

    /// <summary>A self-signed certificate authority (CA, may sign certificates) named <paramref name="name"/>.</summary>
    public static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(2));
        return RoundTrip(made);
    }

    /// <summary>A client certificate for <paramref name="name"/> issued (signed) by <paramref name="authority"/>.</summary>
    public static X509Certificate2 IssuedClient(X509Certificate2 authority, string name)
    {
        ArgumentNullException.ThrowIfNull(authority);
        using var key = RSA.Create(2048);
        var request = ClientRequest(name, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-30), DateTimeOffset.UtcNow.AddDays(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return RoundTrip(withKey);
    }

    /// <summary>A self-signed client certificate for <paramref name="name"/>: no authority vouches for it.</summary>
    public static X509Certificate2 SelfSignedClient(string name)
    {
        using var key = RSA.Create(2048);
        using var made = ClientRequest(name, key).CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        return RoundTrip(made);
    }

    /// <summary>Writes <paramref name="certificate"/> with its private key as PKCS#12 without a password.</summary>
    public static void WritePkcs12(X509Certificate2 certificate, string path)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
    }

    /// <summary>Writes the public part of <paramref name="certificate"/> as PEM (BEGIN CERTIFICATE).</summary>
    public static void WritePem(X509Certificate2 certificate, string path)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
    }

    private static CertificateRequest ClientRequest(string name, RSA key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuthentication], false));
        return request;
    }

    private static X509Certificate2 RoundTrip(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
}
