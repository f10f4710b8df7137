namespace Sems.Contracts;

/// <summary>
/// The district coordinator (key: district id): registers subsystems with priorities and the DSO's limits, runs
/// coordination cycles (Algorithm 1) once or every step on a receding horizon, commits set-points, keeps reports.
/// </summary>
[Alias("sems.IDistrictCoordinatorGrain")]
public interface IDistrictCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Loads a district file (the input contract); returns every validation problem (empty when accepted).</summary>
    [Alias("Configure")]
    Task<string[]> Configure(string districtJson, DateTimeOffset start);

    /// <summary>Replaces the limit of one resource (kW per step of the horizon, from the next cycle); returns problems (empty when accepted).</summary>
    [Alias("SetLimit")]
    Task<string[]> SetLimit(string resource, double[] limitKw);

    [Alias("GetLimits")]
    Task<IReadOnlyDictionary<string, double[]>> GetLimits();

    /// <summary>Runs the next coordination cycle now.</summary>
    [Alias("RunCycle")]
    Task<CoordinationCycleReport> RunCycle();

    /// <summary>Runs a cycle every step on the injected clock, shifting the horizon by one step each time.</summary>
    [Alias("Start")]
    Task Start();

    [Alias("Stop")]
    Task Stop();

    /// <summary>The latest <paramref name="count"/> cycle reports, oldest first.</summary>
    [Alias("GetReports")]
    Task<CoordinationCycleReport[]> GetReports(int count);
}
