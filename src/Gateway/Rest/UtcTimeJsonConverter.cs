using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sems.Gateway.Rest;

/// <summary>Times of the REST mirror's own documents as RFC 3339 in UTC, as the protobuf JSON mapping writes Timestamps: 2022-11-01T17:00:00Z (fractions only when there are).</summary>
internal sealed class UtcTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var ticks = utc.Ticks % TimeSpan.TicksPerSecond;
        if (ticks != 0) text += "." + ticks.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        return text + "Z";
    }
}
