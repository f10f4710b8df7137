using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Sems.Persistence.Tests;

namespace Sems.Operation.Tests;

/// <summary>
/// The worked example (examples/two-subsystems-limit.json, district "two-subsystems") served by one <c>sems serve</c>
/// silo on a PostgreSQL database, with a separate <c>sems gateway --cluster</c> process in front of it; both verify
/// tokens with one signing key made by <c>sems token --new-key</c>, and tokens are minted by <c>sems token</c> with it.
/// The silo's SEMS clock reads <see cref="Start"/> (on the 15-minute grid) at the real instant <see cref="Origin"/>
/// and runs <see cref="Scale"/>× as fast, so cycle k (the horizon from <see cref="StepStart"/>(k)) is due 5 s of real
/// time after cycle k − 1.
/// </summary>
public sealed class GatewayCluster : IDisposable
{
    public const string District = "two-subsystems";
    public const double Scale = 180;
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _folder = Directory.CreateTempSubdirectory("sems-gateway-cluster-").FullName;
    private readonly List<SemsProcess> _processes = [];
    private readonly string _keyFile;
    private readonly Dictionary<string, string> _environment;

    private GatewayCluster(PostgresDatabase postgres, string signingKey)
    {
        Postgres = postgres;
        _keyFile = Path.Combine(_folder, "signing.key");
        File.WriteAllText(_keyFile, signingKey + "\n");
        _environment = new Dictionary<string, string> { ["SEMS_Sems__Auth__SigningKey"] = signingKey };
        var now = DateTimeOffset.UtcNow;
        Origin = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        Start = new DateTimeOffset(now.Ticks - now.Ticks % Step.Ticks, TimeSpan.Zero);
    }

    public PostgresDatabase Postgres { get; }

    /// <summary>The SEMS time of cycle 0's start, on the district's 15-minute grid.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The real instant at which the SEMS clock reads <see cref="Start"/>.</summary>
    public DateTimeOffset Origin { get; }

    public SemsProcess Silo { get; private set; } = null!;

    public SemsProcess Gateway { get; private set; } = null!;

    public Uri GatewayGrpc { get; private set; } = null!;

    public Uri GatewayHttp { get; private set; } = null!;

    /// <summary><c>sems db init</c>, a signing key, the silo (until "serving") and the standalone gateway (until "gateway serving").</summary>
    public static async Task<GatewayCluster> StartAsync(PostgresDatabase postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        var (initExit, initOutput) = await SemsProcess.RunAsync(TimeSpan.FromMinutes(2), "db", "init", "--connection", postgres.ConnectionString);
        Assert.True(initExit == 0, initOutput);
        var (keyExit, key) = await SemsProcess.RunAsync(TimeSpan.FromMinutes(1), "token", "--new-key");
        Assert.True(keyExit == 0, key);

        var cluster = new GatewayCluster(postgres, key.Trim());
        try
        {
            var ports = FreePorts(6);
            cluster.Silo = cluster.Run("serve", Path.Combine(AppContext.BaseDirectory, "examples", "two-subsystems-limit.json"), "--connection", postgres.ConnectionString,
                "--time-scale", Scale.ToString(CultureInfo.InvariantCulture),
                "--start", cluster.Start.ToString("O", CultureInfo.InvariantCulture), "--clock-origin", cluster.Origin.ToString("O", CultureInfo.InvariantCulture),
                "--silo-port", ports[0], "--gateway-port", ports[1], "--grpc-port", ports[2], "--http-port", ports[3]);
            await cluster.Silo.WaitForLineAsync("sems: serving", StartTimeout);
            cluster.Gateway = cluster.Run("gateway", "--cluster", postgres.ConnectionString, "--grpc-port", ports[4], "--http-port", ports[5]);
            await cluster.Gateway.WaitForLineAsync("sems: gateway serving", StartTimeout);
            cluster.GatewayGrpc = new Uri($"http://127.0.0.1:{ports[4]}");
            cluster.GatewayHttp = new Uri($"http://127.0.0.1:{ports[5]}");
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>SEMS time of the start of cycle (step) <paramref name="k"/>.</summary>
    public DateTimeOffset StepStart(long k) => Start + k * Step;

    /// <summary>A token minted by <c>sems token --key-file</c> with the cluster's key, for the worked example's district.</summary>
    public async Task<string> TokenAsync(string subject, string scope)
    {
        var (exit, output) = await SemsProcess.RunAsync(TimeSpan.FromMinutes(1), "token", "--subject", subject, "--scope", scope, "--district", District,
            "--lifetime", "1h", "--key-file", _keyFile);
        Assert.True(exit == 0, output);
        return output.Trim();
    }

    /// <summary>An h2c channel to the standalone gateway's gRPC port that sends <paramref name="token"/> with every call.</summary>
    public GrpcChannel Channel(string token)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(GatewayGrpc, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    public string Describe() => $"silo output:\n{Silo?.Tail(30)}\n--- gateway output:\n{Gateway?.Tail(30)}";

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a process may still hold a file for a moment; the folder is under the temp directory
        }
    }

    private SemsProcess Run(params string[] arguments)
    {
        var process = SemsProcess.Start(_environment, arguments);
        _processes.Add(process);
        return process;
    }

    /// <summary>Distinct free loopback ports, held open together while they are picked so none is given twice.</summary>
    private static string[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
