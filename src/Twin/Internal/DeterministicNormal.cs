namespace Sems.Twin;

/// <summary>
/// Counter-based pseudo-random numbers: every draw is a pure function of (seed, stream, key), so a value does not
/// depend on how many draws were made before it or in which order. Hashing uses the SplitMix64 finaliser
/// (G. L. Steele, D. Lea, C. H. Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014); stream names
/// are hashed with 64-bit FNV-1a (G. Fowler, L. C. Noll, K.-P. Vo, IETF draft-eastlake-fnv), which, unlike
/// <see cref="string.GetHashCode()"/>, is stable across processes. Normal deviates use the Box–Muller transform
/// (G. E. P. Box, M. E. Muller, Ann. Math. Statist. 29 (1958) 610–611).
/// </summary>
internal static class DeterministicNormal
{
    /// <summary>SplitMix64 golden-ratio increment 0x9E3779B97F4A7C15 (dimensionless; Steele et al. 2014).</summary>
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    /// <summary>SplitMix64 first multiplier (dimensionless; Steele et al. 2014, "mix64" variant 13 of D. Stafford).</summary>
    private const ulong MixMultiplier1 = 0xBF58476D1CE4E5B9UL;

    /// <summary>SplitMix64 second multiplier (dimensionless; Steele et al. 2014, "mix64" variant 13 of D. Stafford).</summary>
    private const ulong MixMultiplier2 = 0x94D049BB133111EBUL;

    /// <summary>64-bit FNV-1a offset basis 14695981039346656037 (dimensionless; FNV specification).</summary>
    private const ulong FnvOffsetBasis = 0xCBF29CE484222325UL;

    /// <summary>64-bit FNV prime 2^40 + 2^8 + 0xB3 (dimensionless; FNV specification).</summary>
    private const ulong FnvPrime = 0x100000001B3UL;

    /// <summary>2^-53, converts the top 53 bits of a hash into a double in [0, 1) (IEEE 754 binary64 mantissa width).</summary>
    private const double TwoToMinus53 = 1.0 / 9007199254740992.0;

    /// <summary>Stable 64-bit identifier of a named stream (FNV-1a over the UTF-16 code units).</summary>
    public static ulong StreamId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = FnvOffsetBasis;
        foreach (var c in name)
        {
            hash ^= c;
            hash *= FnvPrime;
        }

        return hash;
    }

    /// <summary>A standard normal deviate N(0, 1) that depends only on (seed, stream, key).</summary>
    public static double StandardNormal(int seed, ulong stream, long key)
    {
        var h1 = Mix(Mix(Mix((ulong)(uint)seed) ^ stream) ^ (ulong)key);
        var h2 = Mix(h1);
        var u1 = ((h1 >> 11) + 1) * TwoToMinus53; // (0, 1]: log is finite
        var u2 = (h2 >> 11) * TwoToMinus53;       // [0, 1)
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong Mix(ulong z)
    {
        z += GoldenGamma;
        z = (z ^ (z >> 30)) * MixMultiplier1;
        z = (z ^ (z >> 27)) * MixMultiplier2;
        return z ^ (z >> 31);
    }
}
