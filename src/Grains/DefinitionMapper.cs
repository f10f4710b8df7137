using Sems.Contracts.Definitions;
using Sems.Engine.Model;

namespace Sems.Grains;

/// <summary>Maps the engine's district model to the typed wire definitions and back, value for value.</summary>
public static class DefinitionMapper
{
    public static DistrictShared Shared(District district)
    {
        ArgumentNullException.ThrowIfNull(district);
        return new DistrictShared(district.Name, district.Start, district.StepMinutes, district.HorizonSteps,
            Factors(district.Factors),
            district.Currency)
        {
            Title = district.Title,
            ExportFactors = Factors(district.ExportFactors),
        };
    }

    public static SubsystemDefinition ToWire(Subsystem s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new SubsystemDefinition(
            s.Id, s.Priority,
            s.Resources.ToDictionary(r => r.Key, r => new ResourceBoundsDefinition(r.Value.Min.ToArray(), r.Value.Max.ToArray()), StringComparer.Ordinal),
            s.Supplies.Select(p => new SupplyDefinition(p.Id,
                p.Conversions.Select(c => new ConversionDefinition(c.Resource, c.EnergyType, c.Efficiency.ToArray(), c.Min.ToArray(), c.Max.ToArray())).ToArray(),
                p.FeedsStores,
                p.Commitment is { } uc ? new CommitmentDefinition(uc.MinOn.ToArray(), uc.MinUpSteps, uc.MinDownSteps, uc.StartCost, uc.InitiallyOn, uc.InitialSteps) : null)).ToArray(),
            s.Stores.Select(st => new StoreDefinition(st.Id, st.EnergyType, st.SocMin, st.SocMax, st.SocInitial, st.ChargeEfficiency, st.DischargeEfficiency, st.Retention,
                st.ChargeMin.ToArray(), st.ChargeMax.ToArray(), st.DischargeMin.ToArray(), st.DischargeMax.ToArray(), st.Penalty.ToArray(),
                st.Terminal.ToString(), st.Exclusive, st.TerminalTargetKwh)).ToArray(),
            s.Demands.Select(d => d switch
            {
                SeriesDemand series => (DemandDefinition)new SeriesDemandDefinition(series.Id, series.EnergyType, series.Values.ToArray()),
                StateSpaceDemand m => new StateSpaceDemandDefinition(m.Id, Copy(m.A), m.B.ToDictionary(b => b.Key, b => b.Value.ToArray(), StringComparer.Ordinal),
                    m.E.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal), Copy(m.C), m.X0.ToArray(),
                    m.Band.Lower.ToArray(), m.Band.Upper.ToArray(), m.Band.Sided.ToString(), m.SlackWeight, m.OutputUnits?.ToArray()),
                _ => throw new ArgumentException($"demand {d.Id}: {d.GetType().Name} has no wire form", nameof(s)),
            }).ToArray(),
            s.Disturbances.ToDictionary(d => d.Key, d => d.Value.ToArray(), StringComparer.Ordinal),
            new WeightsDefinition(s.Weights.Energy, s.Weights.Storage, s.Weights.Comfort, new Dictionary<string, double>(s.Weights.Factors, StringComparer.Ordinal)))
        {
            Node = s.Node,
            Exports = s.Exports.Select(x => new ExportDefinition(x.Id, x.Resource, x.EnergyType, x.Min.ToArray(), x.Max.ToArray())).ToArray(),
            UncertaintyKw = Arrays(s.UncertaintyKw),
        };
    }

    public static GridNodeDefinition ToWire(GridNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new GridNodeDefinition(node.Id, node.Parent, Arrays(node.ImportMaxKw), Arrays(node.ExportMaxKw));
    }

    public static GridNode ToEngine(GridNodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new GridNode(node.Id, node.Parent, Serieses(node.ImportMaxKw), Serieses(node.ExportMaxKw));
    }

    /// <summary>The wire form of a coordination mode: <c>"priority"</c> or <c>"economic"</c>, as the district file writes it.</summary>
    public static CoordinationDefinition ToWire(CoordinationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new CoordinationDefinition(ModeName(settings.Mode), settings.MaxRounds) { RiskLevel = settings.RiskLevel };
    }

    /// <summary>The district file's name of a coordination mode.</summary>
    public static string ModeName(CoordinationMode mode) => mode switch
    {
        CoordinationMode.Priority => "priority",
        CoordinationMode.Economic => "economic",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a coordination mode"),
    };

    /// <summary>
    /// The grid of a definition, root first and parents before children: its <see cref="DistrictDefinition.Grid"/>,
    /// whose root also holds the <see cref="DistrictDefinition.LimitsKw"/> it does not give itself; without a grid, one
    /// root named after the district holding the <see cref="DistrictDefinition.LimitsKw"/>. Throws when the nodes are
    /// not one tree (<see cref="DistrictDefinitions.Problems"/> names why).
    /// </summary>
    public static GridTopology Grid(DistrictDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var limits = Serieses(definition.LimitsKw);
        if (definition.Grid.Length == 0) return GridTopology.Single(definition.Shared.Name, limits);
        var sorted = GridTopology.Sort(definition.Grid.Select(ToEngine).ToList())
            ?? throw new ArgumentException($"district {definition.Shared.Name}: the grid's nodes are not one tree", nameof(definition));
        var root = sorted[0];
        var merged = new Dictionary<string, Series>(limits, StringComparer.Ordinal);
        foreach (var (resource, limit) in root.ImportMaxKw) merged[resource] = limit;
        return new GridTopology([root with { ImportMaxKw = merged }, .. sorted.Skip(1)]);
    }

    /// <summary>The definition's coordination mode; priority (Algorithm 1) with 10 rounds when it gives none.</summary>
    public static CoordinationSettings Coordination(DistrictDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Coordination is not { } given) return CoordinationSettings.Default;
        var mode = given.Mode switch
        {
            "priority" => CoordinationMode.Priority,
            "economic" => CoordinationMode.Economic,
            _ => throw new ArgumentException($"coordination.mode: \"{given.Mode}\" is not one of \"priority\", \"economic\"", nameof(definition)),
        };
        return new CoordinationSettings(mode, given.MaxRounds) { RiskLevel = given.RiskLevel };
    }

    /// <summary>A one-subsystem district without district limits: what a subsystem grain plans with.</summary>
    public static District ToEngine(DistrictShared shared, SubsystemDefinition subsystem)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(subsystem);
        return new District(shared.Name, shared.Start, shared.StepMinutes, shared.HorizonSteps,
            Factors(shared.Factors),
            new Dictionary<string, Series>(StringComparer.Ordinal), [ToEngine(subsystem)])
        {
            Currency = shared.Currency,
            ExportFactors = Factors(shared.ExportFactors),
        };
    }

    public static Subsystem ToEngine(SubsystemDefinition s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new Subsystem(
            s.Id, s.Priority,
            s.Resources.ToDictionary(r => r.Key, r => new ResourceBounds(Series.Of(r.Value.Min), Series.Of(r.Value.Max)), StringComparer.Ordinal),
            s.Supplies.Select(p => new Supply(p.Id,
                p.Conversions.Select(c => new Conversion(c.Resource, c.EnergyType, Series.Of(c.Efficiency), Series.Of(c.Min), Series.Of(c.Max))).ToList(),
                p.FeedsStores,
                p.Commitment is { } uc ? new Commitment(Series.Of(uc.MinOn), uc.MinUpSteps, uc.MinDownSteps, uc.StartCost, uc.InitiallyOn, uc.InitialSteps) : null)).ToList(),
            s.Stores.Select(st => new Store(st.Id, st.EnergyType, st.SocMin, st.SocMax, st.SocInitial, st.ChargeEfficiency, st.DischargeEfficiency, st.Retention,
                Series.Of(st.ChargeMin), Series.Of(st.ChargeMax), Series.Of(st.DischargeMin), Series.Of(st.DischargeMax), Series.Of(st.Penalty),
                Enum.Parse<StoreTerminal>(st.Terminal), st.Exclusive)
            {
                TerminalTargetKwh = st.TerminalTargetKwh,
            }).ToList(),
            s.Demands.Select(d => d switch
            {
                SeriesDemandDefinition series => (Demand)new SeriesDemand(series.Id, series.EnergyType, Series.Of(series.Values)),
                StateSpaceDemandDefinition m => new StateSpaceDemand(m.Id, Copy(m.A), m.B.ToDictionary(b => b.Key, b => b.Value.ToArray(), StringComparer.Ordinal),
                    m.E.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal), Copy(m.C), m.X0.ToArray(),
                    new Band(Series.Of(m.BandLower), Series.Of(m.BandUpper), Enum.Parse<BandSide>(m.BandSide)), m.SlackWeight)
                {
                    OutputUnits = m.OutputUnits,
                },
                _ => throw new ArgumentException($"demand {d.Id}: {d.GetType().Name} is not a known demand", nameof(s)),
            }).ToList(),
            s.Disturbances.ToDictionary(d => d.Key, d => Series.Of(d.Value), StringComparer.Ordinal),
            new ObjectiveWeights(s.Weights.Energy, s.Weights.Storage, s.Weights.Comfort, new Dictionary<string, double>(s.Weights.Factors, StringComparer.Ordinal)))
        {
            Node = s.Node,
            Exports = (s.Exports ?? []).Select(x => new GridExport(x.Id, x.Resource, x.EnergyType, Series.Of(x.Min), Series.Of(x.Max))).ToList(),
            UncertaintyKw = Serieses(s.UncertaintyKw ?? new Dictionary<string, double[]>()),
        };
    }

    private static Dictionary<string, IReadOnlyDictionary<string, double[]>> Factors(IReadOnlyDictionary<string, IReadOnlyDictionary<string, Series>> factors) =>
        factors.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, double[]>)f.Value.ToDictionary(r => r.Key, r => r.Value.ToArray(), StringComparer.Ordinal), StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlyDictionary<string, Series>> Factors(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>>? factors) =>
        (factors ?? new Dictionary<string, IReadOnlyDictionary<string, double[]>>()).ToDictionary(
            f => f.Key, f => (IReadOnlyDictionary<string, Series>)f.Value.ToDictionary(r => r.Key, r => Series.Of(r.Value), StringComparer.Ordinal), StringComparer.Ordinal);

    private static Dictionary<string, double[]> Arrays(IReadOnlyDictionary<string, Series> series) =>
        series.ToDictionary(l => l.Key, l => l.Value.ToArray(), StringComparer.Ordinal);

    private static Dictionary<string, Series> Serieses(IReadOnlyDictionary<string, double[]> arrays) =>
        arrays.ToDictionary(l => l.Key, l => Series.Of(l.Value), StringComparer.Ordinal);

    private static double[][] Copy(double[][] rows) => rows.Select(r => r.ToArray()).ToArray();
}
