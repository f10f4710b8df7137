using System.Globalization;

namespace Sems.Gateway.Api;

/// <summary>How the API quotes values in its messages: invariant culture, long values cut.</summary>
internal static class Text
{
    public const int MaxQuoted = 120;

    public static string Cut(string? value) => value is null ? "" : value.Length <= MaxQuoted ? value : value[..MaxQuoted] + "…";

    public static string Num(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
