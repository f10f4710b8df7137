using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sems.Engine.Market;

namespace Sems.Adapters.Kafka;

/// <summary>
/// The coordinator's side of the market over Kafka: one iteration's exchange (<see cref="IMarketRound"/>) as one
/// <c>sems.market.prices/1</c> message per prosumer on <see cref="MarketTopics.Prices"/>, then the
/// <c>sems.market.schedule/1</c> answers read from <see cref="MarketTopics.Schedules"/> until every prosumer asked has
/// answered or <see cref="MarketSettings.ResponseTimeout"/> has passed. With <see cref="MissingProsumerPolicy.SettleWithout"/>
/// a prosumer still silent then gets the reply "no answer within N s"; with <see cref="MissingProsumerPolicy.Wait"/> the
/// round keeps waiting and says whom it waits for every <see cref="KafkaMarketOptions.WaitLogInterval"/>.
/// <para>Every schedule is validated against its schema before use: an invalid one is logged with the path and the value
/// and ignored, and so is a stale one (another run, another market, another iteration, a prosumer not asked, a second
/// answer). The schedules topic is read from where it ended when the round started, so nothing older is ever seen.</para>
/// </summary>
public sealed class KafkaMarketRound : IMarketRound, IDisposable
{
    private readonly Community _community;
    private readonly KafkaMarketOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IProducer<string, byte[]>? _producer;
    private IConsumer<string, byte[]>? _consumer;
    private bool _disposed;

    /// <summary>A round for <paramref name="community"/>, its timeout and missing-prosumer policy from its <see cref="Community.Market"/>.</summary>
    /// <param name="community">The market: its name, steps, step length, start, currency and options go into every prices message.</param>
    /// <param name="options">Where Kafka is and which topics.</param>
    /// <param name="logger">Where the round says what it does; none = silent.</param>
    /// <param name="runId">This run's id in every message; null = a new one.</param>
    public KafkaMarketRound(Community community, KafkaMarketOptions options, ILogger? logger = null, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(options);
        if (runId is { Length: 0 or > 200 }) throw new ArgumentException($"runId \"{runId}\" must have 1–200 characters", nameof(runId));
        _community = community;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        RunId = runId ?? $"{community.Name}-{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>The run id every message of this round carries.</summary>
    public string RunId { get; }

    /// <summary>The topics it uses.</summary>
    public MarketTopics Topics => _options.Topics;

    /// <summary>Connects, makes sure of the topics and starts reading the schedules topic at its end; done by the first <see cref="AskAsync"/> otherwise.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_consumer is not null) return;
            using var admin = KafkaClients.Admin(_options, _logger);
            var partitions = await KafkaClients.EnsureTopicsAsync(admin, _options, Topics.All, _logger);
            var schedules = partitions.Where(p => p.Topic == Topics.Schedules).ToList();
            var consumer = KafkaClients.Consumer(_options, $"sems-coordinator-{RunId}", _logger);
            try
            {
                // Explicit offsets at the current end: nothing older than this run is read, and nothing newer is missed.
                var start = schedules.Select(p => new TopicPartitionOffset(p, consumer.QueryWatermarkOffsets(p, _options.OperationTimeout).High)).ToList();
                consumer.Assign(start);
            }
            catch
            {
                consumer.Dispose();
                throw;
            }

            _producer = KafkaClients.Producer(_options, _logger);
            _consumer = consumer;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProsumerReply>> AskAsync(IReadOnlyList<ProsumerRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        Check(requests);
        await StartAsync(cancellationToken);
        if (requests.Count == 0) return [];
        var settings = _community.Market;
        var wait = settings.OnMissing == MissingProsumerPolicy.Wait;
        var clock = Stopwatch.StartNew();
        DateTimeOffset? deadline = wait ? null : DateTimeOffset.UtcNow + settings.ResponseTimeout;
        var deliveries = requests.Select(r =>
        {
            var message = new PricesMessage(PricesMessage.Name, RunId, _community.Name, r.ProsumerId, r.Iteration, _community.Steps, _community.StepMinutes,
                _community.Start, _community.Currency, r.BuyPerKwh, r.SellPerKwh, r.ImportCapKw, r.ExportCapKw, deadline);
            return _producer!.ProduceAsync(Topics.Prices, new Message<string, byte[]>
            {
                Key = r.ProsumerId,
                Value = MarketMessageCodec.Write(message),
                Headers = KafkaClients.Headers(PricesMessage.Name),
            }, cancellationToken);
        });
        await Task.WhenAll(deliveries);
        MarketLog.PricesSent(_logger, RunId, _community.Name, requests[0].Iteration, requests.Count, Topics.Prices,
            wait ? "waiting for every answer (on-missing: wait)" : $"waiting up to {Seconds(settings.ResponseTimeout)} s");
        var replies = await Task.Factory.StartNew(() => Collect(requests, clock, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        MarketLog.IterationCollected(_logger, requests[0].Iteration, replies.Count(r => r.Schedule is not null), requests.Count, Seconds(clock.Elapsed));
        return replies;
    }

    /// <summary>Publishes the run's settlement on <see cref="MarketTopics.Settlements"/>, keyed by the run id.</summary>
    public async Task PublishSettlementAsync(SettlementMessage settlement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        if (settlement.RunId != RunId) throw new ArgumentException($"the settlement is of run \"{settlement.RunId}\", not of this round's run \"{RunId}\"", nameof(settlement));
        await StartAsync(cancellationToken);
        await _producer!.ProduceAsync(Topics.Settlements, new Message<string, byte[]>
        {
            Key = RunId,
            Value = MarketMessageCodec.Write(settlement),
            Headers = KafkaClients.Headers(SettlementMessage.Name),
        }, cancellationToken);
        MarketLog.SettlementPublished(_logger, RunId, Topics.Settlements);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            _consumer?.Close();
            _producer?.Flush(_options.OperationTimeout);
        }
        catch (KafkaException e)
        {
            MarketLog.KafkaError(_logger, "round", $"closing: {e.Error.Reason}");
        }
        finally
        {
            _consumer?.Dispose();
            _producer?.Dispose();
            _gate.Dispose();
        }
    }

    private List<ProsumerReply> Collect(IReadOnlyList<ProsumerRequest> requests, Stopwatch clock, CancellationToken cancellationToken)
    {
        var asked = requests.ToDictionary(r => r.ProsumerId, r => r.Iteration, StringComparer.Ordinal);
        var answers = new Dictionary<string, ProsumerReply>(StringComparer.Ordinal);
        var settings = _community.Market;
        var wait = settings.OnMissing == MissingProsumerPolicy.Wait;
        var nextWaitLog = settings.ResponseTimeout;
        var slice = TimeSpan.FromMilliseconds(200);
        while (answers.Count < asked.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var elapsed = clock.Elapsed;
            if (elapsed >= settings.ResponseTimeout)
            {
                if (!wait) break;
                if (elapsed >= nextWaitLog)
                {
                    MarketLog.StillWaiting(_logger, Missing(requests, answers), requests[0].Iteration, Seconds(elapsed));
                    nextWaitLog = elapsed + _options.WaitLogInterval;
                }
            }

            var left = wait ? slice : settings.ResponseTimeout - elapsed;
            ConsumeResult<string, byte[]>? result;
            try
            {
                result = _consumer!.Consume(left < slice ? left : slice);
            }
            catch (ConsumeException e)
            {
                MarketLog.KafkaError(_logger, "consumer", e.Error.Reason);
                continue;
            }

            if (result?.Message is { } message) Take(result, message, asked, answers);
        }

        if (answers.Count < asked.Count)
        {
            MarketLog.SettlingWithout(_logger, Seconds(settings.ResponseTimeout), Missing(requests, answers), requests[0].Iteration);
        }

        var problem = $"no answer within {Seconds(settings.ResponseTimeout)} s";
        return requests.Select(r => answers.TryGetValue(r.ProsumerId, out var reply) ? reply : new ProsumerReply(r.ProsumerId, null, problem)).ToList();
    }

    private void Take(ConsumeResult<string, byte[]> result, Message<string, byte[]> message, Dictionary<string, int> asked, Dictionary<string, ProsumerReply> answers)
    {
        var read = MarketMessageCodec.ReadSchedule(message.Value ?? []);
        if (read.Message is not { } schedule)
        {
            MarketLog.InvalidMessage(_logger, result.Topic, result.Partition.Value, result.Offset.Value, message.Key ?? "(none)", read.Describe());
            return;
        }

        string? stale = null;
        if (schedule.RunId != RunId) stale = $"another run (this one is {RunId})";
        else if (schedule.Market != _community.Name) stale = $"another market \"{schedule.Market}\" (this one is \"{_community.Name}\")";
        else if (message.Key is { } key && key != schedule.ProsumerId) stale = $"its Kafka key \"{key}\" is not its prosumerId";
        else if (!asked.TryGetValue(schedule.ProsumerId, out var iteration)) stale = "it was not asked in this iteration";
        else if (schedule.Iteration != iteration) stale = $"the iteration asked is {iteration}";
        else if (answers.ContainsKey(schedule.ProsumerId)) stale = "it answered this iteration already";
        if (stale is not null)
        {
            MarketLog.StaleSchedule(_logger, schedule.ProsumerId, schedule.RunId, schedule.Iteration, stale);
            return;
        }

        if (schedule.Problem is { } problem)
        {
            answers[schedule.ProsumerId] = new ProsumerReply(schedule.ProsumerId, null, $"{schedule.ProsumerId} answered with a problem: {problem}");
            return;
        }

        if (schedule.ImportKw!.Count != _community.Steps)
        {
            MarketLog.InvalidMessage(_logger, result.Topic, result.Partition.Value, result.Offset.Value, message.Key ?? "(none)",
                $"importKw: an array of {schedule.ImportKw.Count} must have {_community.Steps} items (the market's steps)");
            return;
        }

        answers[schedule.ProsumerId] = new ProsumerReply(schedule.ProsumerId,
            new ProsumerSchedule(schedule.ProsumerId, schedule.Iteration, schedule.ImportKw, schedule.ExportKw!, schedule.EnergyCost!.Value, schedule.DiscomfortCost!.Value), null);
    }

    private void Check(IReadOnlyList<ProsumerRequest> requests)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in requests)
        {
            if (r is null) throw new ArgumentException("requests holds a null request", nameof(requests));
            if (!ids.Add(r.ProsumerId)) throw new ArgumentException($"prosumer \"{r.ProsumerId}\" is asked twice", nameof(requests));
            foreach (var (values, name) in new[] { (r.BuyPerKwh, "BuyPerKwh"), (r.SellPerKwh, "SellPerKwh"), (r.ImportCapKw, "ImportCapKw"), (r.ExportCapKw, "ExportCapKw") })
            {
                if (values is not null && values.Count != _community.Steps)
                    throw new ArgumentException($"prosumer \"{r.ProsumerId}\": {name} has {values.Count} steps, the market {_community.Steps}", nameof(requests));
            }
        }
    }

    private static string Missing(IReadOnlyList<ProsumerRequest> requests, Dictionary<string, ProsumerReply> answers) =>
        string.Join(", ", requests.Where(r => !answers.ContainsKey(r.ProsumerId)).Select(r => r.ProsumerId));

    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
