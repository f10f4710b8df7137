using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;

namespace Sems.Gateway.Tests.Twin;

/// <summary>
/// A real <c>sems serve</c> process for the twin to talk to: the worked example district (so serve has a file), the API
/// on free loopback ports with <see cref="GatewayFixture.SigningKey"/> as its signing key, and the SEMS clock at
/// <c>--time-scale</c> from <c>--start</c>. <see cref="ClockSkew"/> sets how far ahead of that clock a measurement may
/// be (Sems:ClockSkew; null keeps the default of 1 min). Disposing kills it.
/// </summary>
public sealed class TwinServer : IDisposable
{
    private readonly SemsCommand _process;

    private TwinServer(SemsCommand process, int grpcPort, int httpPort)
    {
        _process = process;
        Grpc = new Uri($"http://127.0.0.1:{grpcPort}");
        Http = new Uri($"http://127.0.0.1:{httpPort}");
    }

    /// <summary>The environment of every <c>sems</c> process of these tests: the signing key, as the brief's deployment gives it.</summary>
    public static IReadOnlyDictionary<string, string> KeyEnvironment { get; } = new Dictionary<string, string> { ["SEMS_Sems__Auth__SigningKey"] = GatewayFixture.SigningKey };

    public Uri Grpc { get; }

    public Uri Http { get; }

    public string Log => _process.Tail(200);

    public static async Task<TwinServer> StartAsync(double timeScale, DateTimeOffset clockStart, TimeSpan? clockSkew)
    {
        var environment = new Dictionary<string, string>(KeyEnvironment);
        if (clockSkew is { } skew) environment["SEMS_Sems__ClockSkew"] = skew.ToString("c", CultureInfo.InvariantCulture);
        var ports = FreePorts(4);
        var process = SemsCommand.Start(environment, "serve", Path.Combine(AppContext.BaseDirectory, "examples", "two-subsystems-limit.json"),
            "--time-scale", timeScale.ToString(CultureInfo.InvariantCulture), "--start", clockStart.ToString("O", CultureInfo.InvariantCulture),
            "--grpc-port", ports[0].ToString(CultureInfo.InvariantCulture), "--http-port", ports[1].ToString(CultureInfo.InvariantCulture),
            "--silo-port", ports[2].ToString(CultureInfo.InvariantCulture), "--gateway-port", ports[3].ToString(CultureInfo.InvariantCulture));
        var server = new TwinServer(process, ports[0], ports[1]);
        try
        {
            await process.WaitForStdoutAsync("sems: serving", TimeSpan.FromSeconds(90));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A token from <c>sems token</c> with the key the server checks.</summary>
    public static async Task<string> TokenAsync(string subject, string scopes, string district)
    {
        var (exit, stdout, stderr) = await SemsCommand.RunAsync(KeyEnvironment, TimeSpan.FromSeconds(60), "token", "--subject", subject, "--scope", scopes, "--district", district);
        Assert.True(exit == 0, $"sems token exited with {exit}: {stderr}");
        return stdout.Trim();
    }

    /// <summary>A gRPC channel to the server that sends <paramref name="token"/> with every call.</summary>
    public GrpcChannel Channel(string token) => GrpcChannel.ForAddress(Grpc, new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    public void Dispose() => _process.Dispose();

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
