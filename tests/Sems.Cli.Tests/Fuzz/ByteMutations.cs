using System.Text;

namespace Sems.Cli.Tests.Fuzz;

/// <summary>Mutations of a file's bytes: bad encodings (invalid UTF-8, UTF-16/32, NUL, BOM) and truncation.</summary>
public static class ByteMutations
{
    public static (string Name, byte[] Bytes) BadEncoding(byte[] utf8, Random random)
    {
        var text = Encoding.UTF8.GetString(utf8);
        switch (random.Next(8))
        {
            case 0:
            case 1:
                var bad = FuzzValues.Pick(random, FuzzValues.InvalidUtf8);
                var at = random.Next(utf8.Length + 1);
                return ($"invalid-utf8 {Convert.ToHexString(bad)} at byte {at}", Insert(utf8, at, bad));
            case 2: return ("utf16le with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
            case 3: return ("utf16be with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]);
            case 4: return ("utf16le without BOM", Encoding.Unicode.GetBytes(text));
            case 5: return ("utf32le with BOM", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)]);
            case 6:
                var nul = random.Next(utf8.Length + 1);
                return ($"nul-byte at byte {nul}", Insert(utf8, nul, [0x00]));
            default:
                return ("utf8 BOM then invalid byte at end", [.. Encoding.UTF8.GetPreamble(), .. utf8, 0xFF]);
        }
    }

    public static (string Name, byte[] Bytes) Truncate(byte[] bytes, Random random)
    {
        var at = random.Next(bytes.Length);
        return ($"at byte {at} of {bytes.Length}", bytes[..at]);
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] inserted) => [.. bytes[..at], .. inserted, .. bytes[at..]];
}
