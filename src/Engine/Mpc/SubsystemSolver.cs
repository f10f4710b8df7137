using System.Diagnostics;
using Sems.Engine.Model;
using Sems.Engine.Optimisation;

namespace Sems.Engine.Mpc;

/// <summary>Builds, solves and reads back one subsystem's MPC problem; explains it when infeasible.</summary>
public static class SubsystemSolver
{
    private const double Zero = 1e-9;

    public static SubsystemResult Solve(District district, Subsystem subsystem, MpcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(subsystem);
        options ??= MpcOptions.Default;
        var clock = Stopwatch.StartNew();
        var model = SubsystemModelBuilder.Build(district, subsystem, options);
        var buildTime = clock.Elapsed;
        var solution = OrToolsSolver.Solve(model.Program, options.Solver);
        if (!solution.HasValues)
        {
            var findings = solution.Status == SolveStatus.Infeasible && options.ExplainInfeasibility
                ? InfeasibilityExplainer.Explain(model, options.Solver)
                : [];
            return new SubsystemResult(subsystem.Id, solution.Status, double.NaN, double.NaN, null, new Dictionary<string, IReadOnlyList<double>>(),
                [], [], [], solution.Solver, double.NaN, buildTime, solution.SolveTime, findings, solution.Message) { Warnings = model.Warnings };
        }

        return Read(model, solution, buildTime);
    }

    /// <summary>
    /// The variables <see cref="Read"/> reads, ascending and each once: every draw, unit-commitment binary, export, store SoC,
    /// charge and discharge, state-space state and input. The rest (the ε² tail, eq. 22) only shape the optimum, so a
    /// solution whose other values are not read (NaN) gives the same result.
    /// </summary>
    internal static int[] ReadColumns(SubsystemModel model)
    {
        var read = new bool[model.Program.VariableCount];
        var count = 0;
        void Mark(int[] indices)
        {
            foreach (var j in indices)
            {
                if (read[j]) continue;
                read[j] = true;
                count++;
            }
        }

        foreach (var conversions in model.DrawKw) foreach (var draw in conversions) Mark(draw);
        foreach (var binaries in model.OnBinary) if (binaries is not null) Mark(binaries);
        foreach (var export in model.ExportKw) Mark(export);
        for (var st = 0; st < model.SocKwh.Length; st++)
        {
            Mark(model.SocKwh[st]);
            Mark(model.ChargeKw[st]);
            Mark(model.DischargeKw[st]);
        }

        for (var m = 0; m < model.Subsystem.Demands.Count; m++)
        {
            if (model.Subsystem.Demands[m] is not StateSpaceDemand) continue;
            foreach (var state in model.States[m]!) Mark(state);
            foreach (var (_, input) in model.InputKw[m]!) Mark(input);
        }

        var columns = new int[count];
        for (int j = 0, k = 0; j < read.Length; j++)
        {
            if (read[j]) columns[k++] = j;
        }

        return columns;
    }

    /// <summary>Reads the physical trajectories and the exact objective terms out of a solution (the values of <see cref="ReadColumns"/> only).</summary>
    public static SubsystemResult Read(SubsystemModel model, LpSolution solution, TimeSpan buildTime)
    {
        var district = model.District;
        var subsystem = model.Subsystem;
        var n = model.Steps;
        var x = solution.Values;
        double[] Values(int[] indices) => indices.Select(j => Clean(x[j])).ToArray();

        var supplies = new List<SupplyTrajectory>();
        var draw = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var p in subsystem.DrawnResources) draw[p] = new double[n];
        for (var s = 0; s < subsystem.Supplies.Count; s++)
        {
            var supply = subsystem.Supplies[s];
            var conversions = new List<ConversionTrajectory>();
            for (var c = 0; c < supply.Conversions.Count; c++)
            {
                var conversion = supply.Conversions[c];
                var v = Values(model.DrawKw[s][c]);
                for (var i = 0; i < n; i++) draw[conversion.Resource][i] += v[i];
                conversions.Add(new ConversionTrajectory(conversion.Resource, conversion.EnergyType, v, v.Select((value, i) => Clean(value * conversion.Efficiency[i])).ToArray()));
            }

            var on = model.OnBinary[s] is { } binaries ? binaries.Select(j => x[j] > 0.5).ToArray() : null;
            supplies.Add(new SupplyTrajectory(supply.Id, conversions, on));
        }

        // Exports: per export and, summed, per resource fed (only resources some export feeds).
        var exports = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var exportKw = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var k = 0; k < subsystem.Exports.Count; k++)
        {
            var export = subsystem.Exports[k];
            var e = Values(model.ExportKw[k]);
            exports[export.Id] = e;
            if (!exportKw.TryGetValue(export.Resource, out var sum)) exportKw[export.Resource] = sum = new double[n];
            for (var i = 0; i < n; i++) sum[i] += e[i];
        }

        var stores = subsystem.Stores.Select((store, st) => new StoreTrajectory(store.Id, store.EnergyType, Values(model.SocKwh[st]), Values(model.ChargeKw[st]), Values(model.DischargeKw[st]))).ToList();

        var demands = new List<DemandTrajectory>();
        var comfort = 0.0;
        var maxSlack = 0.0;
        var beyondRange = false;
        for (var m = 0; m < subsystem.Demands.Count; m++)
        {
            switch (subsystem.Demands[m])
            {
                case SeriesDemand series:
                    demands.Add(new DemandTrajectory(series.Id, "series", [], [], series.Values.ToArray()));
                    break;
                case StateSpaceDemand ss:
                    var states = model.States[m]!;
                    var outputs = new List<IReadOnlyList<double>>();
                    var slacks = new List<IReadOnlyList<double>>();
                    var terminalOutputs = new double[ss.OutputCount];
                    var terminalSlack = new double[ss.OutputCount];
                    for (var o = 0; o < ss.OutputCount; o++)
                    {
                        // i = 0…N; y[N] is held in the band of step N−1 (eqs. 14, 16–17).
                        var y = new double[n + 1];
                        var epsilon = new double[n + 1];
                        for (var i = 0; i <= n; i++)
                        {
                            for (var k = 0; k < ss.StateCount; k++) y[i] += ss.C[o][k] * x[states[k][i]];
                            y[i] = Clean(y[i]);
                            epsilon[i] = BandSlack(ss.Band, y[i], Math.Min(i, n - 1));
                            comfort += subsystem.Weights.Comfort * ss.SlackWeight * district.StepHours * epsilon[i] * epsilon[i]; // eq. 22 per hour
                            maxSlack = Math.Max(maxSlack, epsilon[i]);
                            beyondRange |= epsilon[i] > model.OutputSlack[m]![o].CoveredRange * (1 + 1e-9);
                        }

                        outputs.Add(y[..n]);
                        slacks.Add(epsilon[..n]);
                        terminalOutputs[o] = y[n];
                        terminalSlack[o] = epsilon[n];
                    }

                    demands.Add(new DemandTrajectory(ss.Id, "stateSpace", outputs, slacks, null)
                    {
                        TerminalOutputs = terminalOutputs,
                        TerminalSlack = terminalSlack,
                        InputKw = model.InputKw[m]!.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)Values(kv.Value), StringComparer.Ordinal),
                    });
                    break;
            }
        }

        // Each factor's total: what the draws cost minus what the exports earn (export factors, per kWh exported).
        var byFactor = new Dictionary<string, double>(StringComparer.Ordinal);
        var exportValue = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var factor in district.FactorNames)
        {
            var total = 0.0;
            foreach (var (p, series) in draw)
            {
                for (var i = 0; i < n; i++) total += district.FactorFor(factor, p, i) * district.StepHours * series[i];
            }

            if (exportKw.Count > 0 && district.ExportFactors.ContainsKey(factor))
            {
                var earned = 0.0;
                foreach (var (p, series) in exportKw)
                {
                    for (var i = 0; i < n; i++) earned += district.ExportFactorFor(factor, p, i) * district.StepHours * series[i];
                }

                exportValue[factor] = earned;
                total -= earned;
            }

            byFactor[factor] = total;
        }

        var startCosts = 0.0;
        for (var s = 0; s < subsystem.Supplies.Count; s++)
        {
            if (subsystem.Supplies[s].Commitment is not { } uc) continue;
            var on = supplies[s].On!;
            for (var i = 0; i < n; i++)
            {
                var previous = i == 0 ? uc.InitiallyOn : on[i - 1];
                if (on[i] && !previous) startCosts += uc.StartCost;
            }
        }

        var weights = subsystem.Weights;
        var energy = weights.Energy * (byFactor.Sum(f => weights.FactorWeight(f.Key) * f.Value) + startCosts);
        var storage = 0.0;
        for (var st = 0; st < subsystem.Stores.Count; st++)
        {
            for (var i = 0; i < n; i++) storage += weights.Storage * subsystem.Stores[st].Penalty[i] * district.StepHours * stores[st].SocKwh[i]; // eq. 21 per hour
        }

        var terms = new ObjectiveTerms(energy, storage, comfort, byFactor, startCosts) { ExportValueByFactor = exportValue };
        return new SubsystemResult(subsystem.Id, solution.Status, terms.Total, solution.Objective, terms,
            draw.ToDictionary(d => d.Key, d => (IReadOnlyList<double>)d.Value, StringComparer.Ordinal),
            supplies, stores, demands, solution.Solver, solution.RelativeGap, buildTime, solution.SolveTime, [], null)
        {
            MaxSlack = maxSlack,
            SlackBeyondRange = beyondRange,
            Warnings = model.Warnings,
            ExportKw = exportKw.ToDictionary(d => d.Key, d => (IReadOnlyList<double>)d.Value, StringComparer.Ordinal),
            Exports = exports,
        };
    }

    /// <summary>How far y lies outside the band on the penalised side(s) (eqs. 16–17 with ε at its least).</summary>
    public static double BandSlack(Band band, double y, int step)
    {
        var above = band.Sided is BandSide.Both or BandSide.Upper ? y - band.Upper[step] : 0;
        var below = band.Sided is BandSide.Both or BandSide.Lower ? band.Lower[step] - y : 0;
        return Clean(Math.Max(0, Math.Max(above, below)));
    }

    private static double Clean(double value) => Math.Abs(value) < Zero ? 0 : value;
}
