using System.Globalization;
using System.Text;
using Sems.Engine.Optimisation;

namespace Sems.Bench.Coordination;

/// <summary>
/// Writes a <see cref="LinearProgram"/> in free MPS format for other solvers: columns <c>C1</c>…, rows <c>R1</c>…
/// (short names, so fixed-format readers cope too), the objective row <c>OBJ</c> to minimise. A ranged row
/// lower ≤ a·x ≤ upper becomes two rows, <c>R</c>k ≥ lower and <c>U</c>k ≤ upper, as <see cref="LinearProgram.ToLpFormat"/>
/// writes it (PuLP's reader knows no <c>RANGES</c> section); rows free on both sides are left out; the objective offset
/// is a column <c>CONST</c> fixed at 1 (as in the LP file), because readers disagree on the sign of an objective RHS.
/// Each variable's bounds are written in full, the upper bound before the lower, so no reader's default for a negative
/// upper bound applies.
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
            // 'B': both sides finite and different, written as a G row Rk and an L row Uk.
            rowType[r] = lo == up ? 'E' : double.IsFinite(up) && double.IsFinite(lo) ? 'B' : double.IsFinite(up) ? 'L' : double.IsFinite(lo) ? 'G' : 'N';
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
            if (rowType[r] == 'B') text.Append(" G R").Append(r + 1).AppendLine().Append(" L U").Append(r + 1).AppendLine();
            else if (rowType[r] != 'N') text.Append(' ').Append(rowType[r]).Append(" R").Append(r + 1).AppendLine();
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
            foreach (var (r, a) in columns[j])
            {
                text.Append(' ').Append(column).Append(" R").Append(r + 1).Append(' ').AppendLine(N(a));
                if (rowType[r] == 'B') text.Append(' ').Append(column).Append(" U").Append(r + 1).Append(' ').AppendLine(N(a));
            }
            if (c == 0 && columns[j].Count == 0) text.Append(' ').Append(column).AppendLine(" OBJ 0");
        }

        if (inInteger) text.AppendLine(" MARKER 'MARKER' 'INTEND'");
        var offset = program.ObjectiveOffset;
        if (offset != 0) text.Append(" CONST OBJ ").AppendLine(N(offset));

        text.AppendLine("RHS");
        for (var r = 0; r < program.RowCount; r++)
        {
            var (lo, up) = (program.RowLower(r), program.RowUpper(r));
            switch (rowType[r])
            {
                case 'E' or 'G' when lo != 0:
                    text.Append(" RHS R").Append(r + 1).Append(' ').AppendLine(N(lo));
                    break;
                case 'L' when up != 0:
                    text.Append(" RHS R").Append(r + 1).Append(' ').AppendLine(N(up));
                    break;
                case 'B':
                    if (lo != 0) text.Append(" RHS R").Append(r + 1).Append(' ').AppendLine(N(lo));
                    if (up != 0) text.Append(" RHS U").Append(r + 1).Append(' ').AppendLine(N(up));
                    break;
            }
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
