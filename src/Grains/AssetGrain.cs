using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sems.Contracts;

namespace Sems.Grains;

/// <summary>One supply, store or demand: validates and keeps measurements, holds the latest set-point.</summary>
public sealed class AssetGrain(
    [PersistentState("asset", SemsGrainOptions.Storage)] IPersistentState<AssetState> state,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider clock,
    IOptions<SemsGrainOptions> options,
    ILogger<AssetGrain> logger) : Grain, IAssetGrain
{
    public async Task Configure(AssetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (state.State.Definition == definition) return;
        state.State.Definition = definition;
        await state.WriteStateAsync();
    }

    public async Task<MeasurementReceipt> Record(Measurement measurement)
    {
        var receipt = MeasurementValidator.Check(state.State.Definition, state.State.Latest, measurement, clock.GetUtcNow(), options.Value.ClockSkew);
        if (receipt.Accepted)
        {
            state.State.Latest = measurement;
            state.State.Accepted++;
        }
        else
        {
            state.State.Rejected[receipt.Category!] = state.State.Rejected.GetValueOrDefault(receipt.Category!) + 1;
            Log.MeasurementRejected(logger, this.GetPrimaryKeyString(), receipt.Category!, receipt.Reason!);
        }

        await state.WriteStateAsync();
        return receipt;
    }

    public Task<AssetSnapshot> GetSnapshot() => Task.FromResult(new AssetSnapshot(
        state.State.Definition, state.State.Latest, state.State.Setpoint, state.State.Accepted, new Dictionary<string, int>(state.State.Rejected)));

    public Task<Measurement?> GetFreshMeasurement()
    {
        var latest = state.State.Latest;
        var maxAge = state.State.Definition?.MaxAge ?? TimeSpan.Zero;
        return Task.FromResult(latest is not null && latest.Timestamp >= clock.GetUtcNow() - maxAge ? latest : null);
    }

    public async Task CommitSetpoint(AssetSetpoint setpoint)
    {
        state.State.Setpoint = setpoint;
        await state.WriteStateAsync();
    }

    public Task<AssetSetpoint?> GetSetpoint() => Task.FromResult(state.State.Setpoint);
}
