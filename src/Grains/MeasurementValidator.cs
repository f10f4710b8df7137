using System.Globalization;
using Sems.Contracts;

namespace Sems.Grains;

/// <summary>Decides whether a measurement may be stored: the right quantity, unit and size, finite, fresh, in range.</summary>
public static class MeasurementValidator
{
    public static MeasurementReceipt Check(AssetDefinition? definition, Measurement? latest, Measurement m, DateTimeOffset now, TimeSpan clockSkew)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (definition is null) return Reject("unconfigured", "the asset has no definition yet");
        if (m.Quantity != definition.Quantity) return Reject("wrong-quantity", $"quantity \"{m.Quantity}\" is not \"{definition.Quantity}\"");
        if (m.Unit != definition.Unit) return Reject("wrong-unit", $"unit \"{m.Unit}\" is not \"{definition.Unit}\" for {definition.Quantity}");
        if (m.Values is null || m.Values.Length != definition.ValidMin.Length)
            return Reject("wrong-size", $"{m.Values?.Length ?? 0} values where {definition.Quantity} has {definition.ValidMin.Length}");
        for (var k = 0; k < m.Values.Length; k++)
        {
            if (!double.IsFinite(m.Values[k])) return Reject("not-finite", $"value [{k}] = {m.Values[k].ToString(CultureInfo.InvariantCulture)} is not a finite number");
        }

        if (m.Timestamp > now + clockSkew) return Reject("future", $"timestamp {m.Timestamp:O} is ahead of the clock ({now:O})");
        if (m.Timestamp < now - definition.MaxAge) return Reject("stale", $"timestamp {m.Timestamp:O} is older than {definition.MaxAge.TotalMinutes:0.#} min at {now:O}");
        if (latest is not null && m.Timestamp < latest.Timestamp) return Reject("stale", $"timestamp {m.Timestamp:O} is older than the latest accepted measurement ({latest.Timestamp:O})");
        for (var k = 0; k < m.Values.Length; k++)
        {
            if (m.Values[k] < definition.ValidMin[k] || m.Values[k] > definition.ValidMax[k])
            {
                return Reject("out-of-range", string.Create(CultureInfo.InvariantCulture,
                    $"{definition.Quantity}[{k}] = {m.Values[k]} {definition.Unit} is outside [{definition.ValidMin[k]}, {definition.ValidMax[k]}] {definition.Unit}"));
            }
        }

        return MeasurementReceipt.Stored;
    }

    private static MeasurementReceipt Reject(string category, string reason) => new(false, category, reason);
}
