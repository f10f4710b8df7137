namespace Sems.Engine.Optimisation;

/// <summary>
/// A sparse linear (or mixed-integer) program, independent of any solver: variables with bounds, ranged rows
/// lower ≤ Σ a·x ≤ upper, and a linear objective to minimise. Building a model and solving it are separate steps.
/// </summary>
public sealed class LinearProgram
{
    private readonly List<double> _lower = [];
    private readonly List<double> _upper = [];
    private readonly List<bool> _integer = [];
    private readonly List<Subject> _variableSubject = [];
    private readonly List<int> _variableStep = [];
    private readonly List<double> _objective = [];

    private readonly List<double> _rowLower = [];
    private readonly List<double> _rowUpper = [];
    private readonly List<int> _rowStart = [0];
    private readonly List<int> _rowColumns = [];
    private readonly List<double> _rowValues = [];
    private readonly List<Subject> _rowSubject = [];
    private readonly List<int> _rowStep = [];

    public int VariableCount => _lower.Count;

    public int RowCount => _rowLower.Count;

    public int NonZeroCount => _rowColumns.Count;

    public bool HasIntegers { get; private set; }

    /// <summary>Constant added to the objective.</summary>
    public double ObjectiveOffset { get; set; }

    public int AddVariable(Subject subject, int step, double lower, double upper, bool integer = false)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper)) throw new ArgumentException($"Bounds of {subject.Name}[{step}] are NaN.");
        _lower.Add(lower);
        _upper.Add(upper);
        _integer.Add(integer);
        _variableSubject.Add(subject);
        _variableStep.Add(step);
        _objective.Add(0);
        HasIntegers |= integer;
        return _lower.Count - 1;
    }

    public int AddRow(Subject subject, int step, double lower, double upper, ReadOnlySpan<(int Variable, double Coefficient)> terms)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper)) throw new ArgumentException($"Bounds of row {subject.Name}[{step}] are NaN.");
        foreach (var (variable, coefficient) in terms)
        {
            if (coefficient == 0) continue;
            _rowColumns.Add(variable);
            _rowValues.Add(coefficient);
        }

        _rowStart.Add(_rowColumns.Count);
        _rowLower.Add(lower);
        _rowUpper.Add(upper);
        _rowSubject.Add(subject);
        _rowStep.Add(step);
        return _rowLower.Count - 1;
    }

    public void AddObjective(int variable, double coefficient) => _objective[variable] += coefficient;

    /// <summary>Copies every variable, row and objective term of <paramref name="other"/> into this program; returns the index its variable 0 now has.</summary>
    public int Append(LinearProgram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var offset = VariableCount;
        for (var j = 0; j < other.VariableCount; j++)
        {
            AddVariable(other._variableSubject[j], other._variableStep[j], other._lower[j], other._upper[j], other._integer[j]);
            _objective[offset + j] = other._objective[j];
        }

        var terms = new List<(int, double)>();
        for (var r = 0; r < other.RowCount; r++)
        {
            terms.Clear();
            foreach (var (j, a) in other.Row(r)) terms.Add((offset + j, a));
            AddRow(other._rowSubject[r], other._rowStep[r], other._rowLower[r], other._rowUpper[r], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(terms));
        }

        ObjectiveOffset += other.ObjectiveOffset;
        return offset;
    }

    public double Lower(int variable) => _lower[variable];

    public double Upper(int variable) => _upper[variable];

    public bool IsInteger(int variable) => _integer[variable];

    public double ObjectiveCoefficient(int variable) => _objective[variable];

    public Subject VariableSubject(int variable) => _variableSubject[variable];

    public int VariableStep(int variable) => _variableStep[variable];

    public string VariableName(int variable) => $"{_variableSubject[variable].Name}[{_variableStep[variable]}]";

    public double RowLower(int row) => _rowLower[row];

    public double RowUpper(int row) => _rowUpper[row];

    public Subject RowSubject(int row) => _rowSubject[row];

    public int RowStep(int row) => _rowStep[row];

    public string RowName(int row) => $"{_rowSubject[row].Name}[{_rowStep[row]}]";

    /// <summary>The non-zero terms of a row.</summary>
    public IEnumerable<(int Variable, double Coefficient)> Row(int row)
    {
        for (var k = _rowStart[row]; k < _rowStart[row + 1]; k++) yield return (_rowColumns[k], _rowValues[k]);
    }

    internal ReadOnlySpan<int> RowColumns(int row) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rowColumns)[_rowStart[row].._rowStart[row + 1]];

    internal ReadOnlySpan<double> RowValues(int row) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rowValues)[_rowStart[row].._rowStart[row + 1]];

    /// <summary>Evaluates Σ a·x of a row for a candidate solution.</summary>
    public double Activity(int row, IReadOnlyList<double> values)
    {
        var sum = 0.0;
        for (var k = _rowStart[row]; k < _rowStart[row + 1]; k++) sum += _rowValues[k] * values[_rowColumns[k]];
        return sum;
    }

    /// <summary>Evaluates the objective for a candidate solution.</summary>
    public double Objective(IReadOnlyList<double> values)
    {
        var sum = ObjectiveOffset;
        for (var j = 0; j < _objective.Count; j++) sum += _objective[j] * values[j];
        return sum;
    }

    /// <summary>Writes the model in CPLEX LP format (names carry units and steps), for inspection or a second solver.</summary>
    public string ToLpFormat()
    {
        var text = new System.Text.StringBuilder();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        // Several variables may share a subject and a step (e.g. the ε² segments): number the repeats to keep names unique.
        var names = new string[VariableCount];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < VariableCount; j++)
        {
            var name = Sanitize(VariableName(j));
            for (var k = 2; !used.Add(name); k++) name = $"{Sanitize(VariableName(j))}{k}";
            names[j] = name;
        }

        string Name(int j) => names[j];
        text.AppendLine("\\ SEMS subsystem model").AppendLine("Minimize");
        var objective = new List<string>();
        for (var j = 0; j < VariableCount; j++)
        {
            if (_objective[j] != 0) objective.Add(Term(_objective[j], Name(j)));
        }

        var any = objective.Count > 0;
        if (ObjectiveOffset != 0 || !any) objective.Add(Term(ObjectiveOffset, "constant"));
        AppendWrapped(text, " obj:", objective);
        text.AppendLine("Subject To");
        for (var r = 0; r < RowCount; r++)
        {
            var expression = Row(r).Select(e => Term(e.Coefficient, Name(e.Variable))).ToList();
            if (expression.Count == 0) expression.Add(" 0 constant");
            var name = Sanitize(RowName(r)) + "_" + r;
            if (_rowLower[r] == _rowUpper[r]) AppendWrapped(text, $" {name}:", [.. expression, string.Create(inv, $" = {_rowLower[r]:R}")]);
            else
            {
                if (double.IsFinite(_rowLower[r])) AppendWrapped(text, $" {name}_lo:", [.. expression, string.Create(inv, $" >= {_rowLower[r]:R}")]);
                if (double.IsFinite(_rowUpper[r])) AppendWrapped(text, $" {name}_up:", [.. expression, string.Create(inv, $" <= {_rowUpper[r]:R}")]);
            }
        }

        text.AppendLine("Bounds");
        if (ObjectiveOffset != 0 || !any) text.AppendLine(" constant = 1");
        for (var j = 0; j < VariableCount; j++)
        {
            var lo = double.IsNegativeInfinity(_lower[j]) ? "-inf" : _lower[j].ToString("R", inv);
            var up = double.IsPositiveInfinity(_upper[j]) ? "+inf" : _upper[j].ToString("R", inv);
            text.AppendLine($" {lo} <= {Name(j)} <= {up}");
        }

        var integers = Enumerable.Range(0, VariableCount).Where(j => _integer[j]).ToList();
        if (integers.Count > 0)
        {
            text.AppendLine("General");
            AppendWrapped(text, "", integers.Select(j => " " + Name(j)).ToList());
        }

        return text.AppendLine("End").ToString();
    }

    /// <summary>The longest line <see cref="ToLpFormat"/> writes (the CPLEX LP format allows 560 characters).</summary>
    public const int MaxLpLineLength = 255;

    private static string Term(double coefficient, string name) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $" {(coefficient >= 0 ? "+" : "-")} {Math.Abs(coefficient):R} {name}");

    /// <summary>
    /// Appends <paramref name="head"/> and the terms (each starting with a space), breaking the line between terms so no
    /// line exceeds <see cref="MaxLpLineLength"/>; continuation lines start with a space.
    /// </summary>
    private static void AppendWrapped(System.Text.StringBuilder text, string head, IReadOnlyList<string> terms)
    {
        var line = new System.Text.StringBuilder(head);
        var termsOnLine = 0;
        foreach (var term in terms)
        {
            if (termsOnLine > 0 && line.Length + term.Length > MaxLpLineLength)
            {
                text.AppendLine(line.ToString());
                line.Clear().Append(' ');
                termsOnLine = 0;
            }

            line.Append(term);
            termsOnLine++;
        }

        text.AppendLine(line.ToString());
    }

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var k = 0; k < chars.Length; k++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[k]) && chars[k] is not '_' and not '.') chars[k] = '_';
        }

        return chars.Length > 0 && char.IsAsciiDigit(chars[0]) ? "v" + new string(chars) : new string(chars);
    }
}
