using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Sems.Gateway.Tests.Tls;

/// <summary>
/// A raw TLS connection to the gRPC port, below any HTTP client: the handshake with ALPN h2 (trusting exactly the
/// server's certificate, presenting an optional client certificate), then the HTTP/2 client preface. The server let the
/// client in when its own first frame, SETTINGS, comes back; it refused it when the handshake fails or the connection
/// ends without a frame. The server judges the client's certificate at the end of its side of the handshake (in TLS 1.3
/// after the client has finished its own, and .NET on Linux after OpenSSL's, also in TLS 1.2), so the client often sees
/// its handshake complete and then the connection dropped: whether the server's handshake failed is in Kestrel's log
/// (<see cref="TlsGateway.AssertRefusedInHandshakeAsync"/>).
/// </summary>
public static class TlsProbe
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>An empty SETTINGS frame: length 0, type 0x4, no flags, stream 0.</summary>
    private static readonly byte[] EmptySettings = [0, 0, 0, 4, 0, 0, 0, 0, 0];

    public static async Task<ProbeResult> ConnectAsync(Uri address, X509Certificate2 server, X509Certificate2? client, SslProtocols protocol = SslProtocols.None)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, address.Port, guard.Token);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            RemoteCertificateValidationCallback = (_, presented, _, _) => TlsGateway.IsExactly(presented, server),
            ClientCertificates = client is null ? null : [client],
            LocalCertificateSelectionCallback = client is null ? null : (_, _, _, _, _) => client,
            EnabledSslProtocols = protocol,
        };
        try
        {
            await tls.AuthenticateAsClientAsync(options, guard.Token);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return new ProbeResult(false, $"the handshake failed: {Describe(e)}");
        }

        try
        {
            await tls.WriteAsync(Preface, guard.Token);
            await tls.WriteAsync(EmptySettings, guard.Token);
            await tls.FlushAsync(guard.Token);
            var header = new byte[9];
            var read = 0;
            while (read < header.Length)
            {
                var n = await tls.ReadAsync(header.AsMemory(read), guard.Token);
                if (n == 0) return new ProbeResult(false, $"the server closed the connection after the handshake ({tls.SslProtocol}) without a frame");
                read += n;
            }

            // The frame header: 24-bit length, 8-bit type (0x4 is SETTINGS).
            return header[3] == 4
                ? new ProbeResult(true, $"{tls.SslProtocol}, ALPN {tls.NegotiatedApplicationProtocol}: the server's SETTINGS frame")
                : new ProbeResult(false, $"the server's first frame is of type {header[3]}, not SETTINGS");
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return new ProbeResult(false, $"the connection failed after the handshake ({tls.SslProtocol}): {Describe(e)}");
        }
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}{(e.InnerException is { } inner ? $" ({inner.Message})" : "")}";
}
