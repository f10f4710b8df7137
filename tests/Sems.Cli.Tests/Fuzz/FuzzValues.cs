namespace Sems.Cli.Tests.Fuzz;

/// <summary>The hostile values the mutators draw from: ids, number tokens, replacement values and bad byte sequences.</summary>
public static class FuzzValues
{
    /// <summary>Ids (and names) that must never be used as a path: escapes, absolute paths, control characters.</summary>
    public static readonly string[] HostileIds =
    [
        "../x", "/abs", "a\0b", "..", ".", "", " ", "a/b", "a\\b", "../../../../fz-outside", "/tmp/fz-abs-outside",
        "C:\\fz", "tab\tid", "new\nline", "CON", "nul", "\u202Efz", "~", "$HOME", "%TEMP%", "x.", "*?<>|", "ünïcødé",
        new string('x', 300),
    ];

    /// <summary>Absolute paths among <see cref="HostileIds"/>: after each case they must not have appeared.</summary>
    public static readonly string[] AbsoluteHostilePaths = ["/abs", "/tmp/fz-abs-outside"];

    /// <summary>Number tokens as written in the file: non-finite (not JSON), beyond double, subnormal, beyond int.</summary>
    public static readonly string[] ExtremeNumbers =
    [
        "NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e309", "-1e309", "-0", "2147483648", "-2147483649", "1e-320",
        "4.9e-324", "1.7976931348623157e308", "9007199254740993", "0", "-1", "1e400", "123456789012345678901234567890",
    ];

    /// <summary>Byte sequences that are not UTF-8: a stray 0xFF, a broken pair, overlong, encoded surrogate, beyond U+10FFFF, lone continuation.</summary>
    public static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFE, 0xFF], [0xE2, 0x82],
    ];

    public static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
