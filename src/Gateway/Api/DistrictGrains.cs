using Sems.Contracts;

namespace Sems.Gateway.Api;

/// <summary>The grains of one district the API talks to, found by the district's name (its key in the cluster).</summary>
public sealed class DistrictGrains(IGrainFactory grains)
{
    public IGrainFactory Factory => grains;

    public IDistrictCoordinatorGrain Coordinator(string district) => grains.GetGrain<IDistrictCoordinatorGrain>(district);

    public IGridLimitsGrain Limits(string district) => grains.GetGrain<IGridLimitsGrain>(district);

    public IDistrictStatusGrain Status(string district) => grains.GetGrain<IDistrictStatusGrain>(district);

    public ISubsystemGrain Subsystem(string district, string subsystem) => grains.GetGrain<ISubsystemGrain>($"{district}/{subsystem}");

    public IAssetGrain Asset(string district, string subsystem, string asset) => grains.GetGrain<IAssetGrain>($"{district}/{subsystem}/{asset}");

    public IDistrictDirectoryGrain Directory() => grains.GetGrain<IDistrictDirectoryGrain>(IDistrictDirectoryGrain.Key);

    /// <summary>The district as it runs; NOT_FOUND when no definition was ever applied under that name.</summary>
    public async Task<DistrictInfo> Info(string district)
    {
        if (string.IsNullOrEmpty(district)) throw ApiException.Invalid("district", "\"\" is empty: name a district (its file's name)");
        return await Coordinator(district).GetInfo() ?? throw ApiException.NotFound($"district \"{Text.Cut(district)}\" is not known to this cluster");
    }
}
