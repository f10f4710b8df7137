using Sems.Contracts;

namespace Sems.Grains;

/// <summary>The cluster's district names, persisted; registering a known name writes nothing.</summary>
public sealed class DistrictDirectoryGrain(
    [PersistentState("district-directory", SemsGrainOptions.Storage)] IPersistentState<DistrictDirectoryState> state) : Grain, IDistrictDirectoryGrain
{
    public async Task Register(string district)
    {
        ArgumentException.ThrowIfNullOrEmpty(district);
        if (state.State.Districts.Add(district)) await state.WriteStateAsync();
    }

    public Task<string[]> List() => Task.FromResult(state.State.Districts.ToArray());
}
