using Sems.Engine.Coordination;
using Sems.Engine.Optimisation;

namespace Sems.Bench.Economic;

/// <summary>A seeded city-scale district of <see cref="ShiftableLoad"/>s: participants spread over feeders under one substation.</summary>
public static class BenchDistrict
{
    /// <summary>
    /// Participant k sits on feeder k mod <paramref name="feeders"/>; the tariff has an evening peak, every participant
    /// its own small offset; base loads peak in the evening, the shiftable energy goes to the night unconstrained. Every
    /// feeder and the substation is limited to max(fraction × its unconstrained peak, 1.05 × its base-load peak), kW.
    /// </summary>
    public static (IReadOnlyList<ShiftableLoad> Loads, LimitTree Limits, IReadOnlyList<string> Nodes) Create(int participants, int feeders, int steps, double dt, double fraction, int seed)
    {
        var random = new Random(seed);
        double U(double lo, double hi) => lo + (hi - lo) * random.NextDouble();
        var loads = new List<ShiftableLoad>();
        var nodes = new List<string>();
        for (var k = 0; k < participants; k++)
        {
            var offset = U(-0.01, 0.01);
            var peakHour = U(17, 20);
            var (baseKw, peakKw) = (U(0.3, 1.0), U(0.5, 2));
            var tariff = Enumerable.Range(0, steps).Select(i => i * dt).Select(h => 0.12 + 0.18 * Math.Exp(-Math.Pow((h - 18) / 3, 2)) + 0.04 * Math.Sin(h / 3) + offset).ToArray();
            var load = Enumerable.Range(0, steps).Select(i => i * dt).Select(h => baseKw + peakKw * Math.Exp(-Math.Pow((h - peakHour) / 2, 2))).ToArray();
            loads.Add(new ShiftableLoad(load, U(5, 15), U(3, 7), tariff, dt));
            nodes.Add($"feeder{k % feeders}");
        }

        var ids = new List<string> { "substation" };
        ids.AddRange(Enumerable.Range(0, feeders).Select(f => $"feeder{f}"));
        var own = loads.Select(l => l.Price(null).DrawKw).ToList();
        var limit = new List<IReadOnlyDictionary<string, IReadOnlyList<double>>>();
        for (var node = 0; node <= feeders; node++)
        {
            var members = Enumerable.Range(0, participants).Where(k => node == 0 || k % feeders == node - 1).ToList();
            var peak = Enumerable.Range(0, steps).Max(i => members.Sum(k => own[k][i]));
            var basePeak = Enumerable.Range(0, steps).Max(i => members.Sum(k => loads[k].BaseKw[i]));
            var kw = Math.Max(fraction * peak, 1.05 * basePeak);
            limit.Add(new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = Enumerable.Repeat(kw, steps).ToArray() });
        }

        return (loads, new LimitTree(ids, Enumerable.Range(0, feeders + 1).Select(n => n == 0 ? -1 : 0).ToList(), limit), nodes);
    }

    /// <summary>The joint LP: every participant's shift with every node's limit, solved by GLOP; its optimal J, or null.</summary>
    public static double? Reference(IReadOnlyList<ShiftableLoad> loads, IReadOnlyList<string> nodes, LimitTree limits, double dt)
    {
        var program = new LinearProgram();
        var steps = loads[0].BaseKw.Length;
        var shift = Subject.Structural("shiftKw");
        var variables = new int[loads.Count][];
        double offset = 0;
        for (var k = 0; k < loads.Count; k++)
        {
            variables[k] = new int[steps];
            for (var i = 0; i < steps; i++)
            {
                variables[k][i] = program.AddVariable(shift, i, 0, loads[k].RateKw);
                program.AddObjective(variables[k][i], loads[k].TariffPerKwh[i] * dt);
                offset += loads[k].TariffPerKwh[i] * loads[k].BaseKw[i] * dt;
            }

            program.AddRow(Subject.Structural("energyKwh"), k, loads[k].EnergyKwh, loads[k].EnergyKwh, variables[k].Select(v => (v, dt)).ToArray());
        }

        program.ObjectiveOffset = offset;
        for (var node = 0; node < limits.Count; node++)
        {
            var members = Enumerable.Range(0, loads.Count).Where(k => limits.PathToRoot(limits.IndexOf(nodes[k])).Contains(node)).ToList();
            foreach (var (_, limit) in limits.ImportMaxKw[node])
            {
                for (var i = 0; i < steps; i++)
                {
                    var step = i;
                    program.AddRow(Subject.Structural("nodeKw"), i, double.NegativeInfinity, limit[i] - members.Sum(k => loads[k].BaseKw[step]),
                        members.Select(k => (variables[k][step], 1.0)).ToArray());
                }
            }
        }

        var solution = OrToolsSolver.Solve(program, SolverSettings.Default with { TimeLimit = TimeSpan.FromMinutes(10) });
        return solution.Status == SolveStatus.Optimal ? solution.Objective : null;
    }
}
