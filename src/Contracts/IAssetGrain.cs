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

    [Alias("GetSnapshot")]
    Task<AssetSnapshot> GetSnapshot();

    /// <summary>The latest fresh measurement, or null when none is younger than the definition's MaxAge.</summary>
    [Alias("GetFreshMeasurement")]
    Task<Measurement?> GetFreshMeasurement();

    [Alias("CommitSetpoint")]
    Task CommitSetpoint(AssetSetpoint setpoint);

    /// <summary>What the asset's low-level controller should do now.</summary>
    [Alias("GetSetpoint")]
    Task<AssetSetpoint?> GetSetpoint();
}
