using System.Globalization;
using Sems.Engine.Model;

namespace Sems.Engine.Coordination;

/// <summary>
/// The coordinator's risk margin on the DSO's import limits (district file: <c>coordination.riskLevel</c>). Each
/// subsystem ℓ states σ_ℓ,p,i, the standard deviation of its draw of resource p at step i caused by forecast error
/// (<see cref="CoordinationParticipant.UncertaintyKw"/>). At node n the subtree's realised draw is then the planned
/// Σ Psub plus an error of standard deviation √(Σ_ℓ σ²) over the subsystems ℓ below n, under the assumption that the
/// subsystems' errors are independent and Gaussian; its p-quantile lies margin_n,p,i = z(p)·√(Σ_ℓ σ_ℓ,p,i²) above the
/// plan. Planning every node to draw at most importMax − margin therefore holds its limit with probability ≥ p at each
/// step (exactly p at a step where the plan binds). When the errors are positively correlated (one weather forecast
/// driving every heat pump), the true σ of the sum reaches Σ σ (fully correlated), more than √(Σ σ²), and the limit
/// holds with less than p; a caller who knows the errors are correlated states one σ for the correlated group.
/// Export limits carry no margin. A margin larger than its limit plans against 0 kW there and says so in a warning; the
/// limit is never raised and nothing is dropped silently. Pure and deterministic.
/// </summary>
public static class RiskMargin
{
    /// <summary>Margins and planning limits for <paramref name="participants"/> (each at its node) on <paramref name="limits"/>.</summary>
    public static RiskMargins Plan(LimitTree limits, IReadOnlyList<CoordinationParticipant> participants, double riskLevel, int steps)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(participants);
        if (!(riskLevel >= CoordinationSettings.MinRiskLevel && riskLevel <= CoordinationSettings.MaxRiskLevel))
            throw new ArgumentOutOfRangeException(nameof(riskLevel), riskLevel,
                string.Create(CultureInfo.InvariantCulture, $"riskLevel: {riskLevel} is not a probability in [{CoordinationSettings.MinRiskLevel}, {CoordinationSettings.MaxRiskLevel}]"));
        var z = riskLevel == 0.5 ? 0.0 : StandardNormal.Quantile(riskLevel);

        // Σ σ² per node, resource and step over the subtree (each subsystem adds to every node on its path to the root).
        var variance = new Dictionary<string, double[]>[limits.Count];
        for (var n = 0; n < limits.Count; n++) variance[n] = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var participant in participants)
        {
            foreach (var (resource, sigma) in participant.UncertaintyKw)
            {
                if (sigma.Count != steps)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"participant \"{participant.Id}\": uncertainty of {resource} has {sigma.Count} values where the horizon has {steps} steps"), nameof(participants));
                for (var i = 0; i < steps; i++)
                {
                    if (!(sigma[i] >= 0) || !double.IsFinite(sigma[i]))
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                            $"participant \"{participant.Id}\": uncertainty of {resource}[{i}]: {sigma[i]} is not a finite standard deviation in kW ≥ 0"), nameof(participants));
                }

                foreach (var n in limits.PathToRoot(limits.IndexOf(participant.Node)))
                {
                    if (!variance[n].TryGetValue(resource, out var sum)) variance[n][resource] = sum = new double[steps];
                    for (var i = 0; i < steps; i++) sum[i] += sigma[i] * sigma[i];
                }
            }
        }

        var margins = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>>(StringComparer.Ordinal);
        var planning = new List<IReadOnlyDictionary<string, IReadOnlyList<double>>>(limits.Count);
        var warnings = new List<string>();
        for (var n = 0; n < limits.Count; n++)
        {
            var nodeMargins = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
            var nodeLimits = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
            foreach (var (resource, limit) in limits.ImportMaxKw[n])
            {
                var margin = new double[steps];
                var lowered = new double[limit.Count];
                variance[n].TryGetValue(resource, out var sum);
                for (var i = 0; i < limit.Count; i++)
                {
                    margin[i] = sum is null || i >= steps ? 0 : z * Math.Sqrt(sum[i]); // z(p)·√(Σ σ²)
                    lowered[i] = limit[i] - margin[i];
                    if (lowered[i] < 0)
                    {
                        warnings.Add(string.Create(CultureInfo.InvariantCulture,
                            $"node {limits.NodeIds[n]}, {resource}, step {i}: the margin {margin[i]:0.###} kW at riskLevel {riskLevel} exceeds the importMax {limit[i]:0.###} kW; planning against 0 kW there"));
                        lowered[i] = 0;
                    }
                }

                nodeMargins[resource] = margin;
                nodeLimits[resource] = lowered;
            }

            margins[limits.NodeIds[n]] = nodeMargins;
            planning.Add(nodeLimits);
        }

        var parents = Enumerable.Range(0, limits.Count).Select(limits.ParentOf).ToList();
        return new RiskMargins(riskLevel, z, margins, new LimitTree(limits.NodeIds, parents, planning, limits.ExportMaxKw), warnings);
    }

    /// <summary>
    /// The district every engine path plans with under <c>coordination.riskLevel</c>: each grid node's import limits
    /// lowered to max(0, importMax − margin) with the margins of its subsystems' <see cref="Subsystem.UncertaintyKw"/>,
    /// and the risk level removed (so the lowered district is planned on as it is). Without a risk level: the district
    /// itself and no margins.
    /// </summary>
    public static (District Planning, RiskMargins? Margins) Lower(District district)
    {
        ArgumentNullException.ThrowIfNull(district);
        if (district.Coordination.RiskLevel is not { } riskLevel) return (district, null);
        var tree = LimitTree.Of(district.Grid);
        var participants = district.Subsystems.Select(s => new CoordinationParticipant(s.Id, s.Priority,
            new Dictionary<string, IReadOnlyList<double>>(), new Dictionary<string, IReadOnlyList<double>>())
        {
            Node = s.Node,
            UncertaintyKw = s.UncertaintyKw.ToDictionary(u => u.Key, u => (IReadOnlyList<double>)u.Value.ToArray(), StringComparer.Ordinal),
        }).ToList();
        var margins = Plan(tree, participants, riskLevel, district.HorizonSteps);
        var nodes = district.Grid.Nodes.Select((node, n) => node with
        {
            ImportMaxKw = margins.PlanningLimits.ImportMaxKw[n].ToDictionary(l => l.Key, l => Series.Of(l.Value), StringComparer.Ordinal),
        }).ToList();
        var root = nodes[0].ImportMaxKw;
        var planning = district with
        {
            DistrictLimits = district.DistrictLimits.ToDictionary(l => l.Key, l => root.TryGetValue(l.Key, out var lowered) ? lowered : l.Value, StringComparer.Ordinal),
            Grid = new GridTopology(nodes),
            Coordination = district.Coordination with { RiskLevel = null },
        };
        return (planning, margins);
    }

    /// <summary>The district without its risk level: the plan the cost of the margin is measured against.</summary>
    public static District WithoutMargin(District district)
    {
        ArgumentNullException.ThrowIfNull(district);
        return district.Coordination.RiskLevel is null ? district : district with { Coordination = district.Coordination with { RiskLevel = null } };
    }

    /// <summary>Σ over the plans of each factor's total (<see cref="Mpc.ObjectiveTerms.ByFactor"/>), factor in first-seen order.</summary>
    public static IReadOnlyDictionary<string, double> FactorTotals(IEnumerable<Mpc.SubsystemResult> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            if (plan.Terms is not { } terms) continue;
            foreach (var (factor, value) in terms.ByFactor) totals[factor] = totals.GetValueOrDefault(factor) + value;
        }

        return totals;
    }

    /// <summary>
    /// <paramref name="report"/> (coordination against <see cref="RiskMargins.PlanningLimits"/>) restated against the
    /// DSO's own <paramref name="limits"/>: the same draws, each node's limit, excess and violation recomputed; the
    /// shortfall against the planning limits is what the original report called violation.
    /// </summary>
    public static (CoordinationReport Report, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ShortfallKwh) AgainstLimits(
        CoordinationReport report, LimitTree limits, double stepHours)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(limits);
        var shortfall = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, IReadOnlyDictionary<string, NodeOutcome>>(StringComparer.Ordinal);
        foreach (var (id, byResource) in report.Nodes)
        {
            var index = limits.IndexOf(id);
            var restated = new Dictionary<string, NodeOutcome>(StringComparer.Ordinal);
            var shortfalls = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (resource, outcome) in byResource)
            {
                var limit = limits.ImportMaxKw[index].TryGetValue(resource, out var l) ? l : null;
                if (outcome.LimitKw is not null) shortfalls[resource] = outcome.ViolationAfterKwh;
                var before = Excess(limit, outcome.DrawBeforeKw);
                var after = Excess(limit, outcome.DrawAfterKw);
                restated[resource] = outcome with
                {
                    LimitKw = limit,
                    ExcessBeforeKw = before,
                    ExcessAfterKw = after,
                    ViolationBeforeKwh = before.Sum() * stepHours,
                    ViolationAfterKwh = after.Sum() * stepHours,
                };
            }

            nodes[id] = restated;
            shortfall[id] = shortfalls;
        }

        var root = limits.RootLimitKw;
        var rootId = limits.RootId;
        var drawBefore = report.DrawBeforeKw;
        var drawAfter = report.DrawAfterKw;
        var excessBefore = root.ToDictionary(r => r.Key, r => (IReadOnlyList<double>)Excess(r.Value, drawBefore[r.Key]), StringComparer.Ordinal);
        var excessAfter = root.ToDictionary(r => r.Key, r => (IReadOnlyList<double>)Excess(r.Value, drawAfter[r.Key]), StringComparer.Ordinal);
        if (report.Nodes.Count == 0)
            shortfall[rootId] = report.ViolationAfterKwh.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        return (report with
        {
            LimitKw = root,
            ExcessBeforeKw = excessBefore,
            ExcessAfterKw = excessAfter,
            ViolationBeforeKwh = excessBefore.ToDictionary(e => e.Key, e => e.Value.Sum() * stepHours, StringComparer.Ordinal),
            ViolationAfterKwh = excessAfter.ToDictionary(e => e.Key, e => e.Value.Sum() * stepHours, StringComparer.Ordinal),
            Nodes = nodes,
        }, shortfall);
    }

    /// <summary>max(0, draw − limit) per step, 0 within <see cref="Algorithm1.Tolerance"/>; zeros without a limit.</summary>
    private static double[] Excess(IReadOnlyList<double>? limit, IReadOnlyList<double> draw)
    {
        var excess = new double[draw.Count];
        if (limit is null) return excess;
        for (var i = 0; i < draw.Count; i++)
        {
            var e = draw[i] - limit[i];
            excess[i] = e > Algorithm1.Tolerance ? e : 0.0;
        }

        return excess;
    }
}
