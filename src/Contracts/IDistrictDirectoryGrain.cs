using Orleans.Concurrency;

namespace Sems.Contracts;

/// <summary>
/// The names of the districts a cluster runs (a single grain, key <see cref="Key"/>): a coordinator registers its district
/// when a definition is first applied; the API lists from here. Touched once per district, never per cycle.
/// </summary>
[Alias("sems.IDistrictDirectoryGrain")]
public interface IDistrictDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "districts";

    [Alias("Register")]
    Task Register(string district);

    [Alias("List"), AlwaysInterleave, ReadOnly]
    Task<string[]> List();
}
