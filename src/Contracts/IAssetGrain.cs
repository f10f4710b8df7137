namespace Sems.Contracts;

/// <summary>One supply, store or demand (key "district/subsystem/asset"): takes measurements, holds set-points.</summary>
[Alias("sems.IAssetGrain")]
public interface IAssetGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task Configure(AssetDefinition definition);

    /// <summary>Stores the measurement, or rejects it (stale, out of range, not finite, wrong unit…) with a reason; rejections are counted, never stored.</summary>
    [Alias("Record")]
    Task<MeasurementReceipt> Record(Measurement measurement);

    [Alias("GetSnapshot"), Orleans.Concurrency.ReadOnly]
    Task<AssetSnapshot> GetSnapshot();

    /// <summary>The latest fresh measurement, or null when none is younger than the definition's MaxAge.</summary>
    [Alias("GetFreshMeasurement"), Orleans.Concurrency.ReadOnly]
    Task<Measurement?> GetFreshMeasurement();

    [Alias("CommitSetpoint")]
    Task CommitSetpoint(AssetSetpoint setpoint);

    /// <summary>
    /// Keeps the last set-point's values for <paramref name="cycle"/> (its subsystem had no plan for it), re-issued with
    /// source "fallback" and the cycle's validity; an asset that never had one gets an empty set-point (its controller holds it off).
    /// </summary>
    [Alias("HoldSetpoint")]
    Task HoldSetpoint(int cycle, DateTimeOffset validFrom, DateTimeOffset validUntil);

    /// <summary>What the asset's low-level controller should do now.</summary>
    [Alias("GetSetpoint"), Orleans.Concurrency.ReadOnly]
    Task<AssetSetpoint?> GetSetpoint();
}
