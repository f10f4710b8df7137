namespace Sems.Contracts;

/// <summary>Whether a measurement was stored; when not, the rejection category and the reason in words.</summary>
[GenerateSerializer, Immutable, Alias("sems.MeasurementReceipt")]
public sealed record MeasurementReceipt(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Category,
    [property: Id(2)] string? Reason)
{
    public static MeasurementReceipt Stored { get; } = new(true, null, null);
}
