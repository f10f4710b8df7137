using Orleans.Concurrency;
using Sems.Contracts.Definitions;

namespace Sems.Contracts;

/// <summary>
/// The district coordinator (key: district id): registers subsystems with priorities and the DSO's limits, runs
/// coordination cycles (Algorithm 1) once or every step on a receding horizon, commits set-points, keeps reports.
/// Limits and reads never wait for a running cycle.
/// </summary>
[Alias("sems.IDistrictCoordinatorGrain")]
public interface IDistrictCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a district definition (a district file read and validated by the caller, typed: see
    /// <c>DistrictDefinitions.Configure</c> in the grains library for the file itself); returns every problem (empty
    /// when accepted). The same content again resumes: nothing is reset and <paramref name="start"/> is kept from the
    /// first time. A changed definition is prepared on every subsystem and used from the next cycle only when all
    /// accepted it (else nothing changes).
    /// </summary>
    [Alias("ConfigureDefinition")]
    Task<string[]> Configure(DistrictDefinition definition, DateTimeOffset start);

    /// <summary>Replaces the limit of one resource (kW per step of the horizon, from the next cycle); returns problems (empty when accepted).</summary>
    [Alias("SetLimit"), AlwaysInterleave]
    Task<string[]> SetLimit(string resource, double[] limitKw);

    [Alias("GetLimits"), AlwaysInterleave, ReadOnly]
    Task<IReadOnlyDictionary<string, double[]>> GetLimits();

    /// <summary>Runs the clock's current cycle now (⌊(now − start)/Δt⌋; cycles skipped since the last are reported as missed).</summary>
    [Alias("RunCycle")]
    Task<CoordinationCycleReport> RunCycle();

    /// <summary>Runs a cycle every step on the injected clock (a durable reminder restarts it after reactivation).</summary>
    [Alias("Start")]
    Task Start();

    [Alias("Stop")]
    Task Stop();

    /// <summary>The latest <paramref name="count"/> cycle reports, oldest first.</summary>
    [Alias("GetReports"), AlwaysInterleave, ReadOnly]
    Task<CoordinationCycleReport[]> GetReports(int count);

    /// <summary>The district as it runs (definition version, shared fields, subsystems, resources, start, running), or null before the first accepted file.</summary>
    [Alias("GetInfo"), AlwaysInterleave, ReadOnly]
    Task<DistrictInfo?> GetInfo();

    /// <summary>The definition version in use, or null before the first accepted file.</summary>
    [Alias("GetVersion"), AlwaysInterleave, ReadOnly]
    Task<DefinitionVersion?> GetVersion();
}
