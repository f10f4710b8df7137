using System.Globalization;
using Sems.Contracts.Market;
using Sems.Engine.Market;

namespace Sems.Grains.Market;

/// <summary>
/// One prosumer of a local energy market (key "community/prosumer"). Thin: it keeps the definition and solves the
/// engine's prosumer problem (<see cref="IProsumerScheduler"/>, by default the MILP) on the silo's bounded
/// <see cref="SolverPool"/>, never on Orleans' scheduler threads. It calls no other grain.
/// </summary>
public sealed class ProsumerGrain(
    [PersistentState("market-prosumer", SemsGrainOptions.Storage)] IPersistentState<ProsumerGrainState> state,
    SolverPool? solverPool = null,
    IProsumerScheduler? scheduler = null) : Grain, IProsumerGrain
{
    private readonly SolverPool _pool = solverPool ?? SolverPool.Shared;
    private readonly IProsumerScheduler _scheduler = scheduler ?? ProsumerMilpScheduler.Instance;
    private Prosumer? _prosumer;

    /// <summary>The prosumer part of the key "community/prosumer".</summary>
    private string ProsumerKey => this.GetPrimaryKeyString() is var key && key.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? key[(slash + 1)..] : key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Definition is { } definition) _prosumer = MarketMapper.ToEngine(definition);
        return Task.CompletedTask;
    }

    public async Task<string[]> Configure(ProsumerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Id != ProsumerKey) return [$"id: \"{definition.Id}\" is not this grain's prosumer \"{ProsumerKey}\" (key \"{this.GetPrimaryKeyString()}\")"];
        Prosumer prosumer;
        try
        {
            prosumer = MarketMapper.ToEngine(definition);
        }
        catch (ArgumentException e)
        {
            return [$"prosumer \"{definition.Id}\": {e.Message}"];
        }

        state.State.Definition = definition;
        await state.WriteStateAsync();
        _prosumer = prosumer;
        return [];
    }

    public async Task<ProsumerReplyMessage> Respond(ProsumerRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.ProsumerId;
        if (_prosumer is not { } prosumer) return Refused(id, $"prosumer \"{ProsumerKey}\" of key \"{this.GetPrimaryKeyString()}\" is not configured");
        if (id != prosumer.Id) return Refused(id, $"the request is for prosumer \"{id}\", this grain holds \"{prosumer.Id}\"");
        if (prosumer.External) return Refused(id, $"prosumer \"{id}\" is external: it answers over the adapter, its grain cannot solve for it");
        if (RequestProblem(request, prosumer.LoadKw.Count) is { } problem) return Refused(id, problem);

        var engineRequest = MarketMapper.ToEngine(request);
        var stepHours = request.StepMinutes / 60.0;
        ProsumerReply reply;
        try
        {
            reply = await _pool.RunAsync(() => _scheduler.Solve(prosumer, stepHours, engineRequest));
        }
        catch (ArgumentException e)
        {
            return Refused(id, $"prosumer \"{id}\": {e.Message}");
        }

        return MarketMapper.ToWire(reply with { ProsumerId = id });
    }

    public Task<ProsumerDefinition?> GetDefinition() => Task.FromResult(state.State.Definition);

    private static ProsumerReplyMessage Refused(string id, string problem) => new(id, null, problem);

    /// <summary>What makes a request unusable for a prosumer of <paramref name="steps"/> steps, naming the field; null when none.</summary>
    private static string? RequestProblem(ProsumerRequestMessage r, int steps)
    {
        if (r.StepMinutes < 1) return Invariant($"stepMinutes: {r.StepMinutes} must be at least 1");
        foreach (var (field, values) in new[] { ("buyPerKwh", r.BuyPerKwh), ("sellPerKwh", r.SellPerKwh), ("importCapKw", r.ImportCapKw), ("exportCapKw", r.ExportCapKw) })
        {
            if (values is null)
            {
                if (field.StartsWith("buy", StringComparison.Ordinal) || field.StartsWith("sell", StringComparison.Ordinal)) return $"{field}: missing";
                continue;
            }

            if (values.Length != steps) return Invariant($"{field}: {values.Length} values where the prosumer has {steps} steps");
            for (var t = 0; t < steps; t++)
            {
                if (!double.IsFinite(values[t])) return Invariant($"{field}[{t}]: {values[t]} is not a finite number");
            }
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
