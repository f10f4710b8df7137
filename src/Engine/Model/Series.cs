using System.Collections;

namespace Sems.Engine.Model;

/// <summary>
/// A per-step value over the prediction horizon: one number repeated, or exactly N numbers.
/// Immutable; compares by value.
/// </summary>
public sealed class Series : IReadOnlyList<double>, IEquatable<Series>
{
    private readonly double[] _values;

    private Series(double[] values) => _values = values;

    public static Series Constant(double value, int steps) => new(Enumerable.Repeat(value, steps).ToArray());

    public static Series Of(IEnumerable<double> values) => new(values.ToArray());

    public double this[int step] => _values[step];

    public int Count => _values.Length;

    public double Max() => _values.Max();

    public double Min() => _values.Min();

    public bool IsConstant => _values.All(v => v == _values[0]);

    public Series Map(Func<double, double> map) => new(_values.Select(map).ToArray());

    /// <summary>Values from step <paramref name="start"/> on, padded with the last value to keep the length.</summary>
    public Series Shift(int start) => new(Enumerable.Range(start, _values.Length).Select(i => _values[Math.Min(i, _values.Length - 1)]).ToArray());

    /// <summary>The series started <paramref name="steps"/> later, wrapping around: a persistence forecast of a periodic profile.</summary>
    public Series Rotate(int steps)
    {
        var n = _values.Length;
        if (n == 0) return this;
        var shift = ((steps % n) + n) % n;
        return shift == 0 ? this : new(Enumerable.Range(0, n).Select(i => _values[(i + shift) % n]).ToArray());
    }

    public double[] ToArray() => (double[])_values.Clone();

    public IEnumerator<double> GetEnumerator() => ((IEnumerable<double>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    public bool Equals(Series? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as Series);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var v in _values) hash.Add(v);
        return hash.ToHashCode();
    }

    public override string ToString() => IsConstant && Count > 0 ? $"{_values[0]} × {Count}" : $"[{string.Join(", ", _values.Take(4))}{(Count > 4 ? ", …" : "")}] ({Count} steps)";
}
