using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sems.Engine.Market;

namespace Sems.Adapters.Kafka;

/// <summary>
/// One prosumer's side of the market over Kafka: it reads the prices topic for the messages keyed by its id, answers
/// each with the schedule its responder computes, and stops after the settlement of the last run it answered (or when
/// nothing comes within <see cref="KafkaProsumerHostOptions.IdleTimeout"/>).
/// <para>It reads both topics from their beginning. What is already there when it starts is history: of each run not yet
/// settled and whose deadline has not passed it answers the latest iteration only (so a prosumer that starts after the
/// coordinator still joins the iteration under way); everything after is answered as it comes. Prices past their
/// deadline, of a settled run, of another market, or older than an iteration already answered are ignored; an invalid
/// message is logged with the path and the value and ignored.</para>
/// </summary>
public sealed class KafkaProsumerHost
{
    private readonly KafkaMarketOptions _options;
    private readonly KafkaProsumerHostOptions _host;
    private readonly Func<ProsumerRequest, ProsumerReply> _responder;
    private readonly ILogger _logger;

    /// <summary>A host answering for <see cref="KafkaProsumerHostOptions.ProsumerId"/> with <paramref name="responder"/>.</summary>
    /// <param name="options">Where Kafka is and which topics.</param>
    /// <param name="host">Who it answers for.</param>
    /// <param name="responder">Its schedule at a request's prices (or why there is none); an exception becomes a problem answer.</param>
    /// <param name="logger">Where it says what it does; none = silent.</param>
    public KafkaProsumerHost(KafkaMarketOptions options, KafkaProsumerHostOptions host, Func<ProsumerRequest, ProsumerReply> responder, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(responder);
        _options = options;
        _host = host;
        _responder = responder;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Called after every answer is delivered: the prices and the answer sent.</summary>
    public Action<PricesMessage, ScheduleMessage>? OnAnswered { get; init; }

    /// <summary>Called once both topics are assigned and the history has been read (it answers from then on).</summary>
    public Action? OnListening { get; init; }

    /// <summary>Runs until the settlement of the last run answered, the idle timeout, or <paramref name="cancellationToken"/>.</summary>
    public async Task<ProsumerHostResult> RunAsync(CancellationToken cancellationToken)
    {
        using var admin = KafkaClients.Admin(_options, _logger);
        var partitions = await KafkaClients.EnsureTopicsAsync(admin, _options, [_options.Topics.Prices, _options.Topics.Settlements], _logger);
        return await Task.Factory.StartNew(() => Listen(partitions, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private ProsumerHostResult Listen(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        using var producer = KafkaClients.Producer(_options, _logger);
        using var consumer = KafkaClients.Consumer(_options, $"sems-prosumer-{_host.ProsumerId}-{Guid.NewGuid():N}", _logger);
        var history = new Dictionary<TopicPartition, long>();
        foreach (var p in partitions)
        {
            var marks = consumer.QueryWatermarkOffsets(p, _options.OperationTimeout);
            if (marks.High > marks.Low) history[p] = marks.High;
        }

        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var state = new State();
        var pending = new Dictionary<string, PricesMessage>(StringComparer.Ordinal); // the latest prices of each run in the history
        var listening = false;
        var idle = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!listening && history.Count == 0)
                {
                    listening = true;
                    foreach (var prices in pending.Values.Where(p => !state.Settled.Contains(p.RunId)).OrderBy(p => p.RunId, StringComparer.Ordinal))
                    {
                        Answer(prices, producer, state, cancellationToken);
                    }

                    pending.Clear();
                    MarketLog.ProsumerListening(_logger, _host.ProsumerId, _host.Market, _options.Topics.Prices, _options.Topics.Settlements);
                    OnListening?.Invoke();
                    idle.Restart();
                }

                if (listening && idle.Elapsed >= _host.IdleTimeout)
                {
                    MarketLog.Idle(_logger, _host.ProsumerId, KafkaMarketRound.Seconds(_host.IdleTimeout));
                    return new ProsumerHostResult(_host.ProsumerId, state.Answers, null, null, null, IdleTimedOut: true);
                }

                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                }
                catch (ConsumeException e)
                {
                    MarketLog.KafkaError(_logger, "consumer", e.Error.Reason);
                    continue;
                }

                if (result?.Message is not { } message) continue;
                if (history.TryGetValue(result.TopicPartition, out var end) && result.Offset.Value + 1 >= end) history.Remove(result.TopicPartition);
                if (result.Topic == _options.Topics.Prices)
                {
                    if (message.Key is { } key && key != _host.ProsumerId) continue; // another prosumer's prices
                    if (Prices(result, message) is not { } prices) continue;
                    idle.Restart();
                    if (!listening)
                    {
                        if (!pending.TryGetValue(prices.RunId, out var known) || prices.Iteration >= known.Iteration) pending[prices.RunId] = prices;
                    }
                    else if (!state.Settled.Contains(prices.RunId))
                    {
                        Answer(prices, producer, state, cancellationToken);
                    }
                }
                else if (Settlement(result, message) is { } settlement)
                {
                    state.Settled.Add(settlement.RunId);
                    if (!state.Answered.ContainsKey(settlement.RunId) || settlement.RunId != state.LastRun) continue;
                    MarketLog.SettlementReceived(_logger, settlement.RunId);
                    var line = settlement.Prosumers.FirstOrDefault(l => l.ProsumerId == _host.ProsumerId);
                    var leftOut = settlement.LeftOut.FirstOrDefault(l => l.ProsumerId == _host.ProsumerId)
                        ?? (line is null ? new LeftOutProsumer(_host.ProsumerId, "the settlement names it neither among the settled nor among those left out") : null);
                    return new ProsumerHostResult(_host.ProsumerId, state.Answers, settlement, line, leftOut, IdleTimedOut: false);
                }
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    private PricesMessage? Prices(ConsumeResult<string, byte[]> result, Message<string, byte[]> message)
    {
        var read = MarketMessageCodec.ReadPrices(message.Value ?? []);
        if (read.Message is not { } prices)
        {
            MarketLog.InvalidMessage(_logger, result.Topic, result.Partition.Value, result.Offset.Value, message.Key ?? "(none)", read.Describe());
            return null;
        }

        if (prices.ProsumerId != _host.ProsumerId) return null;
        if (prices.Market != _host.Market)
        {
            MarketLog.StalePrices(_logger, prices.RunId, prices.Iteration, $"another market \"{prices.Market}\" (this prosumer is of \"{_host.Market}\")");
            return null;
        }

        if (prices.Deadline is { } deadline && deadline < DateTimeOffset.UtcNow)
        {
            MarketLog.StalePrices(_logger, prices.RunId, prices.Iteration, $"its deadline {deadline:O} has passed");
            return null;
        }

        return prices;
    }

    private SettlementMessage? Settlement(ConsumeResult<string, byte[]> result, Message<string, byte[]> message)
    {
        var read = MarketMessageCodec.ReadSettlement(message.Value ?? []);
        if (read.Message is { } settlement) return settlement.Market == _host.Market ? settlement : null;
        MarketLog.InvalidMessage(_logger, result.Topic, result.Partition.Value, result.Offset.Value, message.Key ?? "(none)", read.Describe());
        return null;
    }

    private void Answer(PricesMessage prices, IProducer<string, byte[]> producer, State state, CancellationToken cancellationToken)
    {
        if (state.Answered.TryGetValue(prices.RunId, out var last) && prices.Iteration <= last)
        {
            MarketLog.StalePrices(_logger, prices.RunId, prices.Iteration, $"iteration {last} was answered already");
            return;
        }

        var reply = Respond(prices);
        var answer = reply.Schedule is { } s
            ? new ScheduleMessage(ScheduleMessage.Name, prices.RunId, prices.Market, _host.ProsumerId, prices.Iteration, s.ImportKw, s.ExportKw, s.EnergyCost, s.DiscomfortCost, null)
            : new ScheduleMessage(ScheduleMessage.Name, prices.RunId, prices.Market, _host.ProsumerId, prices.Iteration, null, null, null, null, reply.Problem ?? "no schedule");
        producer.ProduceAsync(_options.Topics.Schedules, new Message<string, byte[]>
        {
            Key = _host.ProsumerId,
            Value = MarketMessageCodec.Write(answer),
            Headers = KafkaClients.Headers(ScheduleMessage.Name),
        }, cancellationToken).GetAwaiter().GetResult();
        state.Answered[prices.RunId] = prices.Iteration;
        state.LastRun = prices.RunId;
        state.Answers++;
        MarketLog.Answered(_logger, prices.Iteration, prices.RunId, answer.Problem is { } problem
            ? $"problem: {problem}"
            : FormattableString.Invariant($"energy cost {answer.EnergyCost:0.####}, discomfort cost {answer.DiscomfortCost:0.####} {prices.Currency ?? "currency units"}"));
        OnAnswered?.Invoke(prices, answer);
    }

    private ProsumerReply Respond(PricesMessage prices)
    {
        if (_host.Steps is { } steps && prices.Steps != steps)
            return new ProsumerReply(_host.ProsumerId, null, $"the prices have {prices.Steps} steps; this prosumer's horizon has {steps}");
        if (_host.StepMinutes is { } minutes && prices.StepMinutes != minutes)
            return new ProsumerReply(_host.ProsumerId, null, $"the prices' steps are {prices.StepMinutes} min; this prosumer's are {minutes} min");
        var request = new ProsumerRequest(_host.ProsumerId, prices.Iteration, prices.BuyPerKwh, prices.SellPerKwh, prices.ImportCapKw, prices.ExportCapKw);
        ProsumerReply reply;
        try
        {
            reply = _responder(request);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ProsumerReply(_host.ProsumerId, null, $"its schedule could not be computed: {e.Message}");
        }

        if (reply.Schedule is { } s && (s.ImportKw.Count != prices.Steps || s.ExportKw.Count != prices.Steps))
            return new ProsumerReply(_host.ProsumerId, null, $"its schedule has {s.ImportKw.Count} import and {s.ExportKw.Count} export steps, the prices {prices.Steps}");
        return reply;
    }

    private sealed class State
    {
        public Dictionary<string, int> Answered { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Settled { get; } = new(StringComparer.Ordinal);

        public string? LastRun { get; set; }

        public int Answers { get; set; }
    }
}
