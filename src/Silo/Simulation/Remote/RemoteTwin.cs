using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Sems.Api.V1;
using Sems.Twin.Plants;

namespace Sems.Silo.Simulation.Remote;

/// <summary>
/// The digital twin as a process of its own, a client of SEMS's API and nothing else: it pushes its site's measurements
/// with <c>Telemetry.Push</c> and applies the set-points that <c>Telemetry.WatchSetpoints</c> brings after every cycle, as
/// the site's asset adapter would; with <see cref="RemoteTwinOptions.Put"/> it first loads the scenario's district file
/// (<c>Districts.PutDistrict</c>) and starts its cycle (<c>Districts.StartDistrict</c>).
/// <para>
/// It has no clock of its own: it follows the server's cycles. After the set-points of cycle k it advances its plants one
/// step with them (the same <see cref="TwinSite"/> code as <c>sems simulate</c>) and pushes what its sensors read at the
/// start of step k + 1, stamped with that time on SEMS's clock (the set-points' valid-until, the district's start plus
/// (k + 1)·Δt), together with the connection point's meter (the step's grid import). SEMS therefore receives each step's
/// measurements up to a step ahead of its clock, which its <c>Sems:ClockSkew</c> setting must allow. Nothing is pushed
/// before cycle 0: SEMS defines a district's assets at its first cycle, which plans from the district file's initial
/// state, the twin's own (the in-process co-simulation's measurements of step 0 meet the same undefined assets). Cycles whose
/// set-points never reached the twin (the stream lagged) are simulated with the last set-points held; a district that
/// ran cycles before the twin came is joined at its current cycle, from the plants' initial state. It stops once the
/// scenario's last step is simulated.
/// </para>
/// </summary>
public sealed class RemoteTwin(Scenario scenario, RemoteTwinOptions options, TextWriter log)
{
    /// <summary>How long a connection attempt may take before the server counts as unreachable.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long the twin waits at the end for the server to acknowledge its last measurements.</summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _logGate = new();
    private readonly ConcurrentDictionary<ulong, IReadOnlyList<string>> _batches = new();
    private int _pushed;
    private int _batchCount;
    private volatile bool _cancelled;
    private int _rejected;

    public HeatNetworkParameters HeatParameters { get; init; } = new();

    public EvPvParameters EvParameters { get; init; } = new();

    private RemoteTwinOptions Options => options;

    public async Task<RemoteTwinResult> RunAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var wall = Stopwatch.StartNew();
        using var stopping = cancellationToken.Register(() => _cancelled = true);
        // Only measurements reach SEMS through the API: it plans on the district file's profiles, as "district-file" says.
        var twinScenario = scenario with { Forecasts = Scenario.DistrictFile };
        var site = new TwinSite(twinScenario, HeatParameters, EvParameters);
        var json = site.DistrictJson(options.District);
        using var channel = CreateChannel(options);
        var telemetry = new Telemetry.TelemetryClient(channel);
        var districts = new Districts.DistrictsClient(channel);

        if (options.Put)
        {
            var version = await Call("PutDistrict", () => districts.PutDistrictAsync(new PutDistrictRequest { DistrictJson = json, RequestId = Guid.NewGuid().ToString() }, cancellationToken: cancellationToken).ResponseAsync);
            if (version.StepMinutes != scenario.StepMinutes)
                throw new RemoteTwinException(RemoteTwinFailure.Refused, string.Create(CultureInfo.InvariantCulture,
                    $"district \"{options.District}\" steps {version.StepMinutes} min on the server; the scenario's step is {scenario.StepMinutes} min"));
            Write($"sems twin: district \"{version.District}\" put as definition version {version.Version}, its cycle 0 at {version.Start.ToDateTimeOffset():O} on SEMS's clock");
        }

        using var push = telemetry.Push(cancellationToken: cancellationToken);
        var acks = ReadAcks(push.ResponseStream, cancellationToken);
        try
        {
            using var watch = telemetry.WatchSetpoints(new WatchSetpointsRequest { District = options.District }, cancellationToken: cancellationToken);
            // The first list is the set-points in force when the subscription began: from here on no cycle goes unseen.
            var first = await Next(watch.ResponseStream, -1, cancellationToken);
            if (options.Put)
            {
                var started = await Call("StartDistrict", () => districts.StartDistrictAsync(new StartDistrictRequest { District = options.District }, cancellationToken: cancellationToken).ResponseAsync);
                Write($"sems twin: district \"{started.District}\" running; following its cycles");
            }

            var follower = new Follower(this, site, push.RequestStream);
            var list = first;
            while (!await follower.Apply(list, cancellationToken))
            {
                if (acks.IsFaulted) await acks; // the push stream failed: its error says why
                list = await Next(watch.ResponseStream, follower.LastCycle, cancellationToken);
            }

            try
            {
                await push.RequestStream.CompleteAsync();
            }
            catch (RpcException e)
            {
                throw Translate(e, "Push");
            }

            await acks.WaitAsync(AckTimeout, cancellationToken);
            var result = new SimulationResult(twinScenario, site.Records.ToList(), site.Kpis, wall.Elapsed, json);
            return new RemoteTwinResult(result, options.District, follower.FirstCycle, follower.HeldSteps, _batchCount, _pushed, _rejected,
                site.LastGridImportKw);
        }
        catch (TimeoutException e)
        {
            throw new RemoteTwinException(RemoteTwinFailure.Unreachable, $"the server {options.Server} did not acknowledge the twin's measurements within {AckTimeout.TotalSeconds:0} s", e);
        }
    }

    /// <summary>The next set-point list of the stream; the stream's end or failure stops the run.</summary>
    private async Task<SetpointList> Next(IAsyncStreamReader<SetpointList> stream, long lastCycle, CancellationToken cancellationToken)
    {
        bool more;
        try
        {
            more = await stream.MoveNext(cancellationToken);
        }
        catch (RpcException e)
        {
            throw Translate(e, "WatchSetpoints");
        }

        if (!more)
        {
            throw new RemoteTwinException(RemoteTwinFailure.Unreachable, lastCycle < 0
                ? $"the server ended the set-point stream of district \"{options.District}\" before any cycle"
                : string.Create(CultureInfo.InvariantCulture, $"the server ended the set-point stream of district \"{options.District}\" after cycle {lastCycle}"));
        }

        return stream.Current;
    }

    /// <summary>Sends what the site's sensors and meter read at the start of its next step, stamped <paramref name="stampedAt"/> on SEMS's clock.</summary>
    private async Task Push(IClientStreamWriter<MeasurementBatch> writer, TwinSite site, ulong batchId, DateTimeOffset stampedAt, CancellationToken cancellationToken)
    {
        var batch = new MeasurementBatch { BatchId = batchId };
        var names = new List<string>();
        var at = Timestamp.FromDateTimeOffset(stampedAt);
        foreach (var m in site.Measurements(stampedAt))
        {
            var measurement = new Sems.Api.V1.Measurement
            {
                District = options.District, Subsystem = m.Subsystem, Asset = m.Asset, Quantity = m.Measurement.Quantity, Unit = m.Measurement.Unit, MeasuredAt = at,
            };
            measurement.Values.Add(m.Measurement.Values);
            batch.Measurements.Add(measurement);
            names.Add($"{m.Subsystem}/{m.Asset} {m.Measurement.Quantity}");
        }

        if (site.LastGridImportKw is { } importKw)
        {
            // The connection point's meter: the grid import over the step that just ended.
            batch.Measurements.Add(new Sems.Api.V1.Measurement { District = options.District, Quantity = "power", Unit = "kW", Values = { importKw }, MeasuredAt = at });
            names.Add("the connection point's meter power");
        }

        _batches[batchId] = names;
        try
        {
            await writer.WriteAsync(batch, cancellationToken);
        }
        catch (RpcException e)
        {
            throw Translate(e, "Push");
        }
        catch (InvalidOperationException e)
        {
            throw new RemoteTwinException(RemoteTwinFailure.Unreachable, $"the server closed the measurement stream: {e.Message}", e);
        }

        Interlocked.Add(ref _pushed, batch.Measurements.Count);
        Interlocked.Increment(ref _batchCount);
    }

    /// <summary>Reads every ack of the push stream and prints each rejection on stderr with its reason.</summary>
    private async Task ReadAcks(IAsyncStreamReader<PushAck> acks, CancellationToken cancellationToken)
    {
        try
        {
            while (await acks.MoveNext(cancellationToken))
            {
                var ack = acks.Current;
                _batches.TryRemove(ack.BatchId, out var names);
                foreach (var r in ack.Rejections)
                {
                    Interlocked.Increment(ref _rejected);
                    var name = names is not null && r.Index < names.Count ? names[(int)r.Index] : $"measurement {r.Index}";
                    Write(string.Create(CultureInfo.InvariantCulture, $"sems twin: rejected {name} of batch {ack.BatchId} ({r.Field}): {r.Reason}: {r.Detail}"));
                }
            }
        }
        catch (RpcException e)
        {
            throw Translate(e, "Push");
        }
    }

    private async Task<T> Call<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException e)
        {
            throw Translate(e, operation);
        }
    }

    /// <summary>A gRPC failure in words, with every field violation the server listed, and the kind of failure it is.</summary>
    private RemoteTwinException Translate(RpcException e, string operation)
    {
        if (e.StatusCode == StatusCode.Cancelled && _cancelled) throw new OperationCanceledException("the twin was stopped", e);
        var detail = e.Status.Detail;
        var violations = e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => $"\n  {v.Field}: {v.Description}") ?? [];
        var said = $"{operation}: {detail}{string.Concat(violations)}";
        return e.StatusCode switch
        {
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => new(RemoteTwinFailure.Unreachable, $"cannot reach the server {options.Server} ({operation}): {detail}", e),
            StatusCode.Cancelled => new(RemoteTwinFailure.Unreachable, $"the server {options.Server} ended the call ({operation}): {detail}", e),
            StatusCode.Unauthenticated => new(RemoteTwinFailure.Refused, $"the server refused the credential ({said}); give --token with a token it accepts (sems token)", e),
            StatusCode.NotFound when !options.Put => new(RemoteTwinFailure.Refused, $"{said}; give --put to load the scenario's district", e),
            StatusCode.PermissionDenied or StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.Aborted
                or StatusCode.AlreadyExists or StatusCode.OutOfRange => new(RemoteTwinFailure.Refused, said, e),
            _ => new(RemoteTwinFailure.ServerError, $"the server failed ({e.StatusCode}) {said}", e),
        };
    }

    private void Write(string line)
    {
        lock (_logGate) log.WriteLine(line);
    }

    private static GrpcChannel CreateChannel(RemoteTwinOptions options)
    {
        var secure = options.Server.Scheme == Uri.UriSchemeHttps;
        var transport = secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
        var token = options.Token;
        var credentials = token is null ? transport : ChannelCredentials.Create(transport, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        }));
        return GrpcChannel.ForAddress(options.Server, new GrpcChannelOptions
        {
            Credentials = credentials,
            // A token over h2c is the operator's choice of a plain-text loopback connection (the server's default).
            UnsafeUseInsecureChannelCallCredentials = !secure,
            HttpHandler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, EnableMultipleHttp2Connections = true },
        });
    }

    /// <summary>Applies the set-point lists of the server's cycles to the site, one step per cycle.</summary>
    private sealed class Follower(RemoteTwin twin, TwinSite site, IClientStreamWriter<MeasurementBatch> writer)
    {
        private SetpointTable _held = SetpointTable.Empty;
        private SetpointTable? _deferred;
        private DateTimeOffset? _districtStart;

        public int FirstCycle { get; private set; } = -1;

        public int HeldSteps { get; private set; }

        public long LastCycle { get; private set; } = -1;

        /// <summary>Takes one list; true once the scenario's last step is simulated.</summary>
        public async Task<bool> Apply(SetpointList list, CancellationToken cancellationToken)
        {
            var table = SetpointTable.From(list);
            if (table.IsEmpty) return false; // no cycle has run yet
            var deferred = _deferred;
            _deferred = null;
            if (deferred is not null && table.Cycle > deferred.Cycle) await Step(deferred, cancellationToken);
            if (site.Finished) return true;
            if (table.Cycle <= LastCycle) return false; // a cycle already applied (a list sent for a definition change)
            if (Lagging(table) && deferred?.Cycle != table.Cycle)
            {
                // Read while the cycle was committing: some subsystem still shows the cycle before. The cycle's own list follows.
                _deferred = table;
                return false;
            }

            await Step(table, cancellationToken);
            return site.Finished;
        }

        private bool Lagging(SetpointTable table) =>
            site.ControlledAssets.Select(a => a.Subsystem).Distinct().Any(s => table.CycleOf(s) is { } cycle && cycle < table.Cycle);

        private async Task Step(SetpointTable table, CancellationToken cancellationToken)
        {
            var step = site.Step;
            if (table.ValidFrom is not { } from || table.ValidUntil is not { } until)
                throw new RemoteTwinException(RemoteTwinFailure.ServerError, string.Create(CultureInfo.InvariantCulture, $"the set-points of cycle {table.Cycle} carry no validity"));
            if (until - from != step)
            {
                throw new RemoteTwinException(RemoteTwinFailure.Refused, string.Create(CultureInfo.InvariantCulture,
                    $"district \"{twin.Options.District}\" steps {(until - from).TotalMinutes:0.###} min (cycle {table.Cycle}); the scenario's step is {step.TotalMinutes:0.###} min"));
            }

            _districtStart ??= from - table.Cycle * step;
            var cycle = (int)Math.Min(table.Cycle, int.MaxValue);
            if (FirstCycle < 0)
            {
                FirstCycle = cycle;
                if (cycle >= site.Scenario.Steps)
                {
                    throw new RemoteTwinException(RemoteTwinFailure.Refused, string.Create(CultureInfo.InvariantCulture,
                        $"district \"{twin.Options.District}\" is at cycle {cycle}, past the scenario's {site.Scenario.Steps} steps: put it again under another --district, or serve it with a later --start"));
                }

                if (cycle > 0)
                {
                    twin.Write(string.Create(CultureInfo.InvariantCulture,
                        $"sems twin: district \"{twin.Options.District}\" is at cycle {cycle}: the twin joins there, its plants from their initial state (cycles 0–{cycle - 1} ran without it)"));
                    site.JoinAt(cycle);
                }
            }

            if (site.NextStep < cycle)
            {
                var last = Math.Min(cycle, site.Scenario.Steps) - 1;
                var one = last == site.NextStep;
                twin.Write(string.Create(CultureInfo.InvariantCulture,
                    $"sems twin: cycle{(one ? "" : "s")} {site.NextStep}{(one ? "" : $"–{last}")} brought no set-points to the twin (the server missed {(one ? "it" : "them")}, or the stream lagged): its controllers held the last ones"));
                while (site.NextStep < cycle && !site.Finished)
                {
                    site.Advance(_held.Value);
                    HeldSteps++;
                }
            }

            LastCycle = table.Cycle;
            if (!site.Finished)
            {
                site.Advance(table.Value);
                _held = table;
                var done = site.NextStep - FirstCycle;
                var total = site.Scenario.Steps - FirstCycle;
                if (done * 10 / total != (done - 1) * 10 / total)
                    twin.Write(string.Create(CultureInfo.InvariantCulture, $"sems twin: cycle {cycle} applied ({done} of {total} steps, {100 * done / total} %)"));
            }

            await twin.Push(writer, site, (ulong)site.NextStep, _districtStart.Value + site.NextStep * step, cancellationToken);
        }
    }
}
