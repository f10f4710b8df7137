using System.Globalization;
using System.Text;
using Sems.Engine.Optimisation;

namespace Sems.Bench.Coordination;

/// <summary>
/// Writes a <see cref="LinearProgram"/> in free MPS format for other solvers: columns <c>C1</c>…, rows <c>R1</c>…
/// (short names, so fixed-format readers cope too), the objective row <c>OBJ</c> to minimise. Ranged rows become an
/// <c>L</c> row with a <c>RANGES</c> entry, rows free on both sides are left out, and the objective offset is a
/// column <c>CONST</c> fixed at 1 (as <see cref="LinearProgram.ToLpFormat"/> writes it), because readers disagree on
/// the sign of an objective RHS. Each variable's bounds are written in full, the upper bound before the lower, so no
/// reader's default for a negative upper bound applies.
/// </summary>
public static class MpsWriter
{
    public static string Write(LinearProgram program, string name)
    {
        ArgumentNullException.ThrowIfNull(program);
        var inv = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("R", inv);
        var rowType = new char[program.RowCount];
        for (var r = 0; r < program.RowCount; r++)
        {
            var (lo, up) = (program.RowLower(r), program.RowUpper(r));
            rowType[r] = lo == up ? 'E' : double.IsFinite(up) ? 'L' : double.IsFinite(lo) ? 'G' : 'N';
        }

        // The rows of each column, in order: the matrix is stored by row.
        var columns = new List<(int Row, double Value)>[program.VariableCount];
        for (var j = 0; j < columns.Length; j++) columns[j] = [];
        for (var r = 0; r < program.RowCount; r++)
        {
            if (rowType[r] == 'N') continue;
            foreach (var (j, a) in program.Row(r)) columns[j].Add((r, a));
        }

        var text = new StringBuilder();
        text.Append("NAME ").AppendLine(name);
        text.AppendLine("ROWS").AppendLine(" N OBJ");
        for (var r = 0; r < program.RowCount; r++)
        {
            if (rowType[r] != 'N') text.Append(' ').Append(rowType[r]).Append(" R").Append(r + 1).AppendLine();
        }

        text.AppendLine("COLUMNS");
        var inInteger = false;
        for (var j = 0; j < columns.Length; j++)
        {
            if (program.IsInteger(j) != inInteger)
            {
                text.AppendLine(inInteger ? " MARKER 'MARKER' 'INTEND'" : " MARKER 'MARKER' 'INTORG'");
                inInteger = !inInteger;
            }

            var column = $"C{j + 1}";
            var c = program.ObjectiveCoefficient(j);
            if (c != 0) text.Append(' ').Append(column).Append(" OBJ ").AppendLine(N(c));
            foreach (var (r, a) in columns[j]) text.Append(' ').Append(column).Append(" R").Append(r + 1).Append(' ').AppendLine(N(a));
            if (c == 0 && columns[j].Count == 0) text.Append(' ').Append(column).AppendLine(" OBJ 0");
        }

        if (inInteger) text.AppendLine(" MARKER 'MARKER' 'INTEND'");
        var offset = program.ObjectiveOffset;
        if (offset != 0) text.Append(" CONST OBJ ").AppendLine(N(offset));

        text.AppendLine("RHS");
        for (var r = 0; r < program.RowCount; r++)
        {
            var rhs = rowType[r] switch { 'E' or 'G' => program.RowLower(r), 'L' => program.RowUpper(r), _ => 0.0 };
            if (rhs != 0) text.Append(" RHS R").Append(r + 1).Append(' ').AppendLine(N(rhs));
        }

        text.AppendLine("RANGES");
        for (var r = 0; r < program.RowCount; r++)
        {
            if (rowType[r] == 'L' && double.IsFinite(program.RowLower(r)))
                text.Append(" RNG R").Append(r + 1).Append(' ').AppendLine(N(program.RowUpper(r) - program.RowLower(r)));
        }

        text.AppendLine("BOUNDS");
        for (var j = 0; j < columns.Length; j++)
        {
            var (lo, up) = (program.Lower(j), program.Upper(j));
            var column = $"C{j + 1}";
            if (lo == up)
            {
                text.Append(" FX BND ").Append(column).Append(' ').AppendLine(N(lo));
                continue;
            }

            if (double.IsNegativeInfinity(lo) && double.IsPositiveInfinity(up))
            {
                text.Append(" FR BND ").AppendLine(column);
                continue;
            }

            if (double.IsNegativeInfinity(lo)) text.Append(" MI BND ").AppendLine(column);
            if (double.IsFinite(up)) text.Append(" UP BND ").Append(column).Append(' ').AppendLine(N(up));
            else if (program.IsInteger(j)) text.Append(" PL BND ").AppendLine(column);
            if (double.IsFinite(lo)) text.Append(" LO BND ").Append(column).Append(' ').AppendLine(N(lo));
        }

        if (offset != 0) text.AppendLine(" FX BND CONST 1");
        return text.AppendLine("ENDATA").ToString();
    }
}
