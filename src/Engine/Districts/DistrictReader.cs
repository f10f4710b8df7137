using System.Text.Json;
using Sems.Engine.Json;
using Sems.Engine.Model;

namespace Sems.Engine.Districts;

/// <summary>
/// Reads and validates a district file (the input contract) into immutable domain records.
/// Validation collects every problem, each naming the JSON path, the value and the rule broken.
/// </summary>
public static class DistrictReader
{
    private const double WeightSumTolerance = 1e-9;

    /// <summary>Largest power (kW) any bound, limit or demand may name: 10 GW, beyond any city.</summary>
    public const double MaxPowerKw = 1e7;

    /// <summary>Largest stored energy (kWh) a store may name.</summary>
    public const double MaxEnergyKwh = 1e8;

    /// <summary>Largest efficiency or COP of a conversion.</summary>
    public const double MaxEfficiency = 100;

    /// <summary>Largest magnitude of a per-kWh factor (price, emissions) or a store penalty.</summary>
    public const double MaxFactor = 1e4;

    /// <summary>Largest objective weight (α, γ) or start cost.</summary>
    public const double MaxWeight = 1e6;

    /// <summary>Longest step (a day) and longest horizon (31 days) in minutes, and most steps in a horizon.</summary>
    public const int MaxStepMinutes = 1440, MaxHorizonMinutes = 31 * 1440, MaxHorizonSteps = 2880;

    /// <summary>Longest district <c>title</c>, in UTF-16 code units.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The rule a district <c>title</c> follows, as error messages write it.</summary>
    public const string TitleRule = "is not a district title: 1–200 characters, not blank, no control characters";

    /// <summary>Earliest and latest <c>start</c>: keeps every time SEMS derives from it representable.</summary>
    public static readonly DateTimeOffset EarliestStart = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), LatestStart = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);


    /// <summary>Reads a district from JSON text. Never throws for bad input: problems come back in the result.</summary>
    public static DistrictReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var parsed = StrictJson.Parse(json);
        return Read(parsed);
    }

    /// <summary>Reads a district from the bytes of a file (strict UTF-8, <see cref="StrictJson"/>). Never throws for bad input.</summary>
    public static DistrictReadResult Read(ReadOnlyMemory<byte> utf8)
    {
        using var parsed = StrictJson.Parse(utf8);
        return Read(parsed);
    }

    private static DistrictReadResult Read(StrictJsonResult parsed)
    {
        if (parsed.Document is not { } document) return new DistrictReadResult(null, parsed.Problems, []);
        var cursor = new JsonCursor();
        var district = ReadDistrict(document.RootElement, cursor);
        return new DistrictReadResult(cursor.ErrorCount == 0 ? district : null, cursor.Errors, cursor.Warnings);
    }

    private static District? ReadDistrict(JsonElement root, JsonCursor c)
    {
        if (!c.ExpectObject(root, "$")) return null;
        c.WarnUnknownFields(root, "", "name", "title", "currency", "start", "stepMinutes", "horizonSteps", "factors", "exportFactors", "districtLimits", "subsystems", "grid", "coordination");

        // The name is the district's id (grain keys, history rows, the API); the title is only ever shown.
        var name = c.Required(root, "name", "") is { } n ? c.Id(n, "name") : null;
        string? title = null;
        if (JsonCursor.Optional(root, "title") is { } t && c.String(t, "title") is { } text)
        {
            if (text.Length > MaxTitleLength || text.Any(char.IsControl) || string.IsNullOrWhiteSpace(text))
                c.Error("title", JsonCursor.Quote(text), TitleRule);
            else
                title = text;
        }

        string? currency = null;
        if (JsonCursor.Optional(root, "currency") is { } cur && c.String(cur, "currency") is { } code)
        {
            if (code.Length == 3 && code.All(char.IsAsciiLetterUpper)) currency = code;
            else c.Error("currency", JsonCursor.Quote(code), "is not an ISO 4217 currency code (three capital letters, e.g. \"GBP\")");
        }

        DateTimeOffset? start = null;
        if (JsonCursor.Optional(root, "start") is { } s)
        {
            if (s.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(s.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsed))
                c.Error("start", JsonCursor.Describe(s), "is not an ISO 8601 timestamp");
            else if (parsed < EarliestStart || parsed >= LatestStart)
                c.Error("start", JsonCursor.Describe(s), "is not between 1900-01-01 and 2200-01-01");
            else
                start = parsed;
        }

        var stepMinutes = JsonCursor.Optional(root, "stepMinutes") is { } sm ? c.Integer(sm, "stepMinutes", 1, MaxStepMinutes) : 15;
        if (stepMinutes is { } minutes && 1440 % minutes != 0)
        {
            c.Error("stepMinutes", minutes.ToString(System.Globalization.CultureInfo.InvariantCulture), "does not divide a day (1440 minutes)");
            stepMinutes = null;
        }

        var steps = JsonCursor.Optional(root, "horizonSteps") is { } hs ? c.Integer(hs, "horizonSteps", 1, MaxHorizonSteps) : 96;
        if (stepMinutes is not null && steps is not null && (long)stepMinutes.Value * steps.Value > MaxHorizonMinutes)
        {
            c.Error("horizonSteps", steps.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"with stepMinutes {stepMinutes.Value} spans more than 31 days, the longest horizon SEMS plans");
            steps = null;
        }

        if (stepMinutes is null || steps is null) return null; // every series length depends on them
        var horizon = steps.Value;

        var subsystems = new List<Subsystem>();
        if (c.Required(root, "subsystems", "") is { } subsystemsElement && c.ExpectArray(subsystemsElement, "subsystems"))
        {
            if (subsystemsElement.GetArrayLength() == 0) c.Error("subsystems", "an empty array", "has no subsystem");
            var index = 0;
            foreach (var element in subsystemsElement.EnumerateArray())
            {
                if (ReadSubsystem(element, $"subsystems[{index}]", horizon, c) is { } subsystem) subsystems.Add(subsystem);
                index++;
            }

            CheckUnique(subsystemsElement, "subsystems", "id", c);
            CheckUnique(subsystemsElement, "subsystems", "priority", c);
        }

        // Names come from the raw JSON so that one invalid supply does not make its resource look undrawn elsewhere.
        var allDrawn = root.TryGetProperty("subsystems", out var rawSubsystems) && rawSubsystems.ValueKind == JsonValueKind.Array
            ? rawSubsystems.EnumerateArray().SelectMany(x => ConversionNames(x, "resource")).ToHashSet(StringComparer.Ordinal)
            : [];
        var factors = new Dictionary<string, IReadOnlyDictionary<string, Series>>(StringComparer.Ordinal);
        if (JsonCursor.Optional(root, "factors") is { } factorsElement && c.ExpectObject(factorsElement, "factors"))
        {
            foreach (var factor in factorsElement.EnumerateObject())
            {
                var path = $"factors.{factor.Name}";
                if (!c.Name(factor.Name, path) || !c.ExpectObject(factor.Value, path)) continue;
                var byResource = new Dictionary<string, Series>(StringComparer.Ordinal);
                foreach (var resource in factor.Value.EnumerateObject())
                {
                    var resourcePath = $"{path}.{resource.Name}";
                    if (allDrawn.Count > 0 && !allDrawn.Contains(resource.Name))
                        c.Error(resourcePath, JsonCursor.Quote(resource.Name), $"is not a resource that any supply draws (drawn: {List(allDrawn)})");
                    if (c.Series(resource.Value, resourcePath, horizon, null, null, MaxFactor, "per kWh") is { } values)
                        byResource[resource.Name] = Series.Of(values);
                }

                factors[factor.Name] = byResource;
            }
        }

        // exportFactors: factor → resource → the per-kWh value of exporting it; only resources that some export feeds.
        var allExported = root.TryGetProperty("subsystems", out var rawExporters) && rawExporters.ValueKind == JsonValueKind.Array
            ? rawExporters.EnumerateArray().SelectMany(x => ExportNames(x, "resource")).ToHashSet(StringComparer.Ordinal)
            : [];
        var exportFactors = new Dictionary<string, IReadOnlyDictionary<string, Series>>(StringComparer.Ordinal);
        if (JsonCursor.Optional(root, "exportFactors") is { } exportFactorsElement && c.ExpectObject(exportFactorsElement, "exportFactors"))
        {
            foreach (var factor in exportFactorsElement.EnumerateObject())
            {
                var path = $"exportFactors.{factor.Name}";
                if (!c.Name(factor.Name, path) || !c.ExpectObject(factor.Value, path)) continue;
                var byResource = new Dictionary<string, Series>(StringComparer.Ordinal);
                foreach (var resource in factor.Value.EnumerateObject())
                {
                    var resourcePath = $"{path}.{resource.Name}";
                    if (!allExported.Contains(resource.Name))
                        c.Error(resourcePath, JsonCursor.Quote(resource.Name), $"is not a resource that any export feeds (exported: {List(allExported)})");
                    if (c.Series(resource.Value, resourcePath, horizon, null, null, MaxFactor, "per kWh") is { } values)
                        byResource[resource.Name] = Series.Of(values);
                }

                exportFactors[factor.Name] = byResource;
            }
        }

        var factorNames = factors.Keys.Concat(exportFactors.Keys).Distinct(StringComparer.Ordinal).ToList();

        var limits = new Dictionary<string, Series>(StringComparer.Ordinal);
        if (JsonCursor.Optional(root, "districtLimits") is { } limitsElement && c.ExpectObject(limitsElement, "districtLimits"))
        {
            foreach (var limit in limitsElement.EnumerateObject())
            {
                var path = $"districtLimits.{limit.Name}";
                if (allDrawn.Count > 0 && !allDrawn.Contains(limit.Name))
                    c.Error(path, JsonCursor.Quote(limit.Name), $"is not a resource that any supply draws (drawn: {List(allDrawn)})");
                if (c.Series(limit.Value, path, horizon, v => v >= 0, "is negative: a district limit is a power in kW ≥ 0", MaxPowerKw, "kW") is { } values)
                    limits[limit.Name] = Series.Of(values);
            }
        }

        // The grid: districtLimits are the root's importMax, so the root's limits merge into them.
        var grid = GridReader.ReadGrid(root, horizon, allDrawn, limits, JsonCursor.Optional(root, "districtLimits"), c);
        if (grid?.Nodes is { } gridNodes) limits = new Dictionary<string, Series>(gridNodes[0].ImportMaxKw, StringComparer.Ordinal);
        var coordination = GridReader.ReadCoordination(root, c);

        // A subsystem's node must be a node of the grid (without one: the root named after the district).
        if (root.TryGetProperty("subsystems", out var connected) && connected.ValueKind == JsonValueKind.Array && (grid is null ? name is not null : grid.NodeIds is not null))
        {
            var index = 0;
            foreach (var element in connected.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Object && JsonCursor.Optional(element, "node") is { ValueKind: JsonValueKind.String } nodeElement
                    && nodeElement.GetString() is { } node && Identifier.IsValid(node))
                {
                    if (grid is null && node != name)
                        c.Error($"subsystems[{index}].node", JsonCursor.Quote(node), $"is not a node id: the file has no grid, so its only node is the root {JsonCursor.Quote(name!)}");
                    else if (grid is not null && !grid.NodeIds!.Contains(node, StringComparer.Ordinal))
                        c.Error($"subsystems[{index}].node", JsonCursor.Quote(node), $"is not a node id of the grid (ids: {List(grid.NodeIds!)})");
                }

                index++;
            }
        }

        // α per factor must name a factor the district defines.
        if (root.TryGetProperty("subsystems", out var subs) && subs.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var element in subs.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Object && JsonCursor.Optional(element, "weights") is { ValueKind: JsonValueKind.Object } w
                    && JsonCursor.Optional(w, "factors") is { ValueKind: JsonValueKind.Object } alphas)
                {
                    foreach (var alpha in alphas.EnumerateObject().Where(a => !factorNames.Contains(a.Name, StringComparer.Ordinal)))
                        c.Error($"subsystems[{index}].weights.factors.{alpha.Name}", JsonCursor.Quote(alpha.Name),
                            exportFactors.Count == 0
                                ? $"is not a factor defined in the top-level factors (defined: {List(factors.Keys)})"
                                : $"is not a factor defined in the top-level factors or exportFactors (defined: {List(factorNames)})");
                }

                if (element.ValueKind == JsonValueKind.Object && JsonCursor.Optional(element, "weights") is { ValueKind: JsonValueKind.Object } weights
                    && JsonCursor.Optional(weights, "energy") is { ValueKind: JsonValueKind.Number } energy && energy.GetDouble() > 0)
                {
                    var named = JsonCursor.Optional(weights, "factors") is { ValueKind: JsonValueKind.Object } given
                        ? given.EnumerateObject().Select(a => a.Name).ToHashSet(StringComparer.Ordinal)
                        : [];
                    foreach (var factor in factorNames.Where(f => !named.Contains(f)))
                        c.Warn($"subsystems[{index}].weights.factors", JsonCursor.Quote(factor), "has no α: the factor counts 0 in this subsystem's objective");
                }

                index++;
            }
        }

        if (name is null || coordination is null || c.ErrorCount > 0) return null;
        var district = new District(name, start, stepMinutes.Value, horizon, factors, limits, subsystems)
        {
            Currency = currency, Title = title ?? name, Coordination = coordination, ExportFactors = exportFactors,
        };
        return grid?.Nodes is { } nodes ? district with { Grid = new GridTopology(nodes) } : district;
    }

    private static Subsystem? ReadSubsystem(JsonElement e, string path, int n, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        var errorsBefore = c.ErrorCount;
        c.WarnUnknownFields(e, path, "id", "priority", "node", "resources", "supplies", "stores", "demands", "exports", "disturbances", "weights", "uncertainty");

        var id = c.Required(e, "id", path) is { } idElement ? c.Id(idElement, $"{path}.id") : null;
        var priority = c.Required(e, "priority", path) is { } p ? c.Integer(p, $"{path}.priority", 1, 1_000_000) : null;
        var node = JsonCursor.Optional(e, "node") is { } nodeElement ? c.Id(nodeElement, $"{path}.node") : null; // that it is a node: ReadDistrict

        var supplies = ReadArray(e, "supplies", path, c, required: true, (x, xp) => ReadSupply(x, xp, n, c));
        var energyTypes = ConversionNames(e, "energyType").ToHashSet(StringComparer.Ordinal);
        var drawn = ConversionNames(e, "resource").ToHashSet(StringComparer.Ordinal);

        var disturbances = new Dictionary<string, Series>(StringComparer.Ordinal);
        if (JsonCursor.Optional(e, "disturbances") is { } d && c.ExpectObject(d, $"{path}.disturbances"))
        {
            foreach (var item in d.EnumerateObject())
            {
                if (c.Name(item.Name, $"{path}.disturbances.{item.Name}") && c.Series(item.Value, $"{path}.disturbances.{item.Name}", n) is { } values)
                    disturbances[item.Name] = Series.Of(values);
            }
        }

        var stores = ReadArray(e, "stores", path, c, required: false, (x, xp) => ReadStore(x, xp, n, energyTypes, c));
        var demands = ReadArray(e, "demands", path, c, required: false, (x, xp) => ReadDemand(x, xp, n, energyTypes, disturbances.Keys.ToHashSet(StringComparer.Ordinal), c));

        // An energy type consumed by a state-space demand has no balance (eq. 18), so a series demand of that type could never be met.
        var stateSpaceTypes = demands.OfType<StateSpaceDemand>().SelectMany(m => m.B.Keys.Select(q => (q, m: m.Id))).ToList();
        var demandIndex = 0;
        if (JsonCursor.Optional(e, "demands") is { ValueKind: JsonValueKind.Array } demandArray)
        {
            foreach (var element in demandArray.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Object && JsonCursor.Optional(element, "energyType") is { ValueKind: JsonValueKind.String } et
                    && !(JsonCursor.Optional(element, "kind") is { ValueKind: JsonValueKind.String } k && k.GetString() == "stateSpace")
                    && stateSpaceTypes.FirstOrDefault(t => t.q == et.GetString()) is { m: not null } owner)
                {
                    c.Error($"{path}.demands[{demandIndex}].energyType", JsonCursor.Quote(owner.q), $"is an input of state-space demand \"{owner.m}\", which replaces its energy balance (eq. 18); a series demand of that type would be ignored");
                }

                demandIndex++;
            }
        }

        var resources = new Dictionary<string, ResourceBounds>(StringComparer.Ordinal);
        if (JsonCursor.Optional(e, "resources") is { } r && c.ExpectObject(r, $"{path}.resources"))
        {
            foreach (var item in r.EnumerateObject())
            {
                var rp = $"{path}.resources.{item.Name}";
                if (!drawn.Contains(item.Name))
                    c.Error(rp, JsonCursor.Quote(item.Name), $"is not a resource that a supply of this subsystem draws (drawn: {List(drawn)})");
                if (!c.ExpectObject(item.Value, rp)) continue;
                c.WarnUnknownFields(item.Value, rp, "min", "max");
                var min = JsonCursor.Optional(item.Value, "min") is { } mn ? c.Series(mn, $"{rp}.min", n, null, null, MaxPowerKw, "kW") : new double[n];
                var max = c.Required(item.Value, "max", rp) is { } mx ? c.Series(mx, $"{rp}.max", n, null, null, MaxPowerKw, "kW") : null;
                if (min is null || max is null) continue;
                if (CheckMinMax(min, max, rp, "min", "max", "kW", c)) resources[item.Name] = new ResourceBounds(Series.Of(min), Series.Of(max));
            }
        }

        var exports = ReadArray(e, "exports", path, c, required: false, (x, xp) => ReadExport(x, xp, n, energyTypes, drawn, c));

        // σ of the draw per resource caused by forecast error (the coordinator's risk margin).
        var uncertainty = new Dictionary<string, Series>(StringComparer.Ordinal);
        if (JsonCursor.Optional(e, "uncertainty") is { } u && c.ExpectObject(u, $"{path}.uncertainty"))
        {
            foreach (var item in u.EnumerateObject())
            {
                var up = $"{path}.uncertainty.{item.Name}";
                if (!drawn.Contains(item.Name))
                {
                    c.Error(up, JsonCursor.Quote(item.Name), $"is not a resource that a supply of this subsystem draws (drawn: {List(drawn)})");
                    continue;
                }

                if (c.Series(item.Value, up, n, v => v >= 0, "is negative: a standard deviation is a power in kW ≥ 0", MaxPowerKw, "kW") is { } sigma)
                    uncertainty[item.Name] = Series.Of(sigma);
            }
        }

        var weights = c.Required(e, "weights", path) is { } w ? ReadWeights(w, $"{path}.weights", c) : null;

        CheckUniqueIds(e, path, c);

        if (c.ErrorCount > errorsBefore || id is null || priority is null || weights is null) return null;
        return new Subsystem(id, priority.Value, resources, supplies, stores, demands, disturbances, weights) { Node = node, Exports = exports, UncertaintyKw = uncertainty };
    }

    private static Supply? ReadSupply(JsonElement e, string path, int n, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        var errorsBefore = c.ErrorCount;
        c.WarnUnknownFields(e, path, "id", "conversions", "feedsStores", "commitment", "initiallyOn", "initialSteps");
        var id = c.Required(e, "id", path) is { } i ? c.Id(i, $"{path}.id") : null;
        var conversions = ReadArray(e, "conversions", path, c, required: true, (x, xp) => ReadConversion(x, xp, n, c));
        if (JsonCursor.Optional(e, "conversions") is { ValueKind: JsonValueKind.Array } ca && ca.GetArrayLength() == 0)
            c.Error($"{path}.conversions", "an empty array", "has no conversion: a supply must convert at least one resource");
        var feedsStores = JsonCursor.Optional(e, "feedsStores") is { } fs ? c.Bool(fs, $"{path}.feedsStores") : false;

        Commitment? commitment = null;
        if (JsonCursor.Optional(e, "commitment") is { } ce && c.ExpectObject(ce, $"{path}.commitment"))
        {
            var cp = $"{path}.commitment";
            c.WarnUnknownFields(ce, cp, "minOn", "minUpSteps", "minDownSteps", "startCost", "initiallyOn", "initialSteps");
            var minOn = JsonCursor.Optional(ce, "minOn") is { } mo ? c.Series(mo, $"{cp}.minOn", n, v => v >= 0, "is negative: minOn is a power in kW ≥ 0", MaxPowerKw, "kW") : new double[n];
            var minUp = JsonCursor.Optional(ce, "minUpSteps") is { } mu ? c.Integer(mu, $"{cp}.minUpSteps", 0, Commitment.LongAgo) : 0;
            var minDown = JsonCursor.Optional(ce, "minDownSteps") is { } md ? c.Integer(md, $"{cp}.minDownSteps", 0, Commitment.LongAgo) : 0;
            var startCost = JsonCursor.Optional(ce, "startCost") is { } sc ? c.Number(sc, $"{cp}.startCost", v => v >= 0, "is negative: a start cost is ≥ 0", MaxWeight, "") : 0;
            // The contract places initiallyOn/initialSteps with the commitment; accept them on the supply too.
            var initiallyOn = (JsonCursor.Optional(ce, "initiallyOn") ?? JsonCursor.Optional(e, "initiallyOn")) is { } io ? c.Bool(io, $"{cp}.initiallyOn") : false;
            var initialSteps = (JsonCursor.Optional(ce, "initialSteps") ?? JsonCursor.Optional(e, "initialSteps")) is { } ist ? c.Integer(ist, $"{cp}.initialSteps", 0, Commitment.LongAgo) : Commitment.LongAgo;
            if (minOn is not null)
            {
                foreach (var conversion in conversions)
                {
                    var step = Enumerable.Range(0, n).FirstOrDefault(k => minOn[k] > conversion.Max[k], -1);
                    if (step >= 0)
                        c.Error($"{cp}.minOn", JsonCursor.Format(minOn[step]), $"is greater than the max of conversion {conversion.Resource}→{conversion.EnergyType} ({JsonCursor.Format(conversion.Max[step])} kW) at step {step}: the supply could never be on");
                }
            }

            if (minOn is not null && minUp is not null && minDown is not null && startCost is not null && initiallyOn is not null && initialSteps is not null)
                commitment = new Commitment(Series.Of(minOn), minUp.Value, minDown.Value, startCost.Value, initiallyOn.Value, initialSteps.Value);
        }

        if (c.ErrorCount > errorsBefore || id is null || feedsStores is null) return null;
        return new Supply(id, conversions, feedsStores.Value, commitment);
    }

    private static Conversion? ReadConversion(JsonElement e, string path, int n, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        c.WarnUnknownFields(e, path, "resource", "energyType", "efficiency", "min", "max");
        var resource = c.Required(e, "resource", path) is { } r ? c.Id(r, $"{path}.resource") : null;
        var energyType = c.Required(e, "energyType", path) is { } q ? c.Id(q, $"{path}.energyType") : null;
        var efficiency = c.Required(e, "efficiency", path) is { } eta ? c.Series(eta, $"{path}.efficiency", n, v => v > 0, "is not > 0: an efficiency (η, or a COP) must be positive", MaxEfficiency, "") : null;
        const string drawRule = "is negative: a supply draws its resource (kW ≥ 0)";
        var min = JsonCursor.Optional(e, "min") is { } mn ? c.Series(mn, $"{path}.min", n, v => v >= 0, drawRule, MaxPowerKw, "kW") : new double[n];
        var max = c.Required(e, "max", path) is { } mx ? c.Series(mx, $"{path}.max", n, v => v >= 0, drawRule, MaxPowerKw, "kW") : null;
        if (resource is null || energyType is null || efficiency is null || min is null || max is null) return null;
        if (!CheckMinMax(min, max, path, "min", "max", "kW", c)) return null;
        return new Conversion(resource, energyType, Series.Of(efficiency), Series.Of(min), Series.Of(max));
    }

    /// <summary>
    /// One export: power of <c>energyType</c> (a supply of this subsystem produces it) fed back into the grid of
    /// <c>resource</c> (a supply of this subsystem draws it), <c>min</c> ≤ e ≤ <c>max</c> kW per step.
    /// </summary>
    private static GridExport? ReadExport(JsonElement e, string path, int n, HashSet<string> energyTypes, HashSet<string> drawn, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        var errorsBefore = c.ErrorCount;
        c.WarnUnknownFields(e, path, "id", "resource", "energyType", "min", "max");
        var id = c.Required(e, "id", path) is { } i ? c.Id(i, $"{path}.id") : null;
        var resource = c.Required(e, "resource", path) is { } r ? c.Id(r, $"{path}.resource") : null;
        if (resource is not null && !drawn.Contains(resource))
            c.Error($"{path}.resource", JsonCursor.Quote(resource), $"is not a resource that a supply of this subsystem draws (drawn: {List(drawn)}): an export feeds the grid the subsystem is connected to");
        var energyType = c.Required(e, "energyType", path) is { } q ? c.Id(q, $"{path}.energyType") : null;
        if (energyType is not null && !energyTypes.Contains(energyType))
            c.Error($"{path}.energyType", JsonCursor.Quote(energyType), $"is not an energy type that a supply of this subsystem produces (produced: {List(energyTypes)})");
        const string exportRule = "is negative: an export is a power fed back in kW ≥ 0";
        var min = JsonCursor.Optional(e, "min") is { } mn ? c.Series(mn, $"{path}.min", n, v => v >= 0, exportRule, MaxPowerKw, "kW") : new double[n];
        var max = c.Required(e, "max", path) is { } mx ? c.Series(mx, $"{path}.max", n, v => v >= 0, exportRule, MaxPowerKw, "kW") : null;
        if (min is not null && max is not null) CheckMinMax(min, max, path, "min", "max", "kW", c);
        if (c.ErrorCount > errorsBefore || id is null || resource is null || energyType is null || min is null || max is null) return null;
        return new GridExport(id, resource, energyType, Series.Of(min), Series.Of(max));
    }

    private static Store? ReadStore(JsonElement e, string path, int n, HashSet<string> energyTypes, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        var errorsBefore = c.ErrorCount;
        c.WarnUnknownFields(e, path, "id", "energyType", "socMin", "socMax", "socInitial", "chargeEfficiency", "dischargeEfficiency", "retention",
            "chargeMin", "chargeMax", "dischargeMin", "dischargeMax", "penalty", "terminal", "exclusive");
        var id = c.Required(e, "id", path) is { } i ? c.Id(i, $"{path}.id") : null;
        var energyType = c.Required(e, "energyType", path) is { } q ? c.String(q, $"{path}.energyType") : null;
        if (energyType is not null && !energyTypes.Contains(energyType))
            c.Error($"{path}.energyType", JsonCursor.Quote(energyType), $"is not an energy type that a supply of this subsystem produces (produced: {List(energyTypes)})");

        var socMin = c.Required(e, "socMin", path) is { } a ? c.Number(a, $"{path}.socMin", null, null, MaxEnergyKwh, "kWh") : null;
        var socMax = c.Required(e, "socMax", path) is { } b ? c.Number(b, $"{path}.socMax", null, null, MaxEnergyKwh, "kWh") : null;
        var socInitial = c.Required(e, "socInitial", path) is { } s0 ? c.Number(s0, $"{path}.socInitial", null, null, MaxEnergyKwh, "kWh") : null;
        const string unitInterval = "is not in (0, 1]";
        var chargeEfficiency = JsonCursor.Optional(e, "chargeEfficiency") is { } ce ? c.Number(ce, $"{path}.chargeEfficiency", v => v > 0 && v <= 1, unitInterval) : 1.0;
        var dischargeEfficiency = JsonCursor.Optional(e, "dischargeEfficiency") is { } de ? c.Number(de, $"{path}.dischargeEfficiency", v => v > 0 && v <= 1, unitInterval) : 1.0;
        var retention = JsonCursor.Optional(e, "retention") is { } re ? c.Number(re, $"{path}.retention", v => v > 0 && v <= 1, unitInterval) : 1.0;
        const string nonNegative = "is negative: a charge or discharge power is in kW ≥ 0";
        var chargeMin = JsonCursor.Optional(e, "chargeMin") is { } cmn ? c.Series(cmn, $"{path}.chargeMin", n, v => v >= 0, nonNegative, MaxPowerKw, "kW") : new double[n];
        var chargeMax = c.Required(e, "chargeMax", path) is { } cmx ? c.Series(cmx, $"{path}.chargeMax", n, v => v >= 0, nonNegative, MaxPowerKw, "kW") : null;
        var dischargeMin = JsonCursor.Optional(e, "dischargeMin") is { } dmn ? c.Series(dmn, $"{path}.dischargeMin", n, v => v >= 0, nonNegative, MaxPowerKw, "kW") : new double[n];
        var dischargeMax = c.Required(e, "dischargeMax", path) is { } dmx ? c.Series(dmx, $"{path}.dischargeMax", n, v => v >= 0, nonNegative, MaxPowerKw, "kW") : null;
        var penalty = JsonCursor.Optional(e, "penalty") is { } pe ? c.Series(pe, $"{path}.penalty", n, null, null, MaxFactor, "per kWh") : new double[n];
        var exclusive = JsonCursor.Optional(e, "exclusive") is { } ex ? c.Bool(ex, $"{path}.exclusive") : false;

        StoreTerminal? terminal = StoreTerminal.None;
        if (JsonCursor.Optional(e, "terminal") is { } t)
        {
            terminal = t.ValueKind == JsonValueKind.String ? t.GetString() switch
            {
                "none" => StoreTerminal.None,
                "atLeastInitial" => StoreTerminal.AtLeastInitial,
                "returnToInitial" => StoreTerminal.ReturnToInitial,
                _ => null,
            } : null;
            if (terminal is null) c.Error($"{path}.terminal", JsonCursor.Describe(t), "is not one of \"none\", \"atLeastInitial\", \"returnToInitial\"");
        }

        if (socMin is not null && socMax is not null)
        {
            if (socMin > socMax)
                c.Error($"{path}.socMin", JsonCursor.Format(socMin.Value), $"is greater than socMax ({JsonCursor.Format(socMax.Value)} kWh)");
            else if (socInitial is not null && (socInitial < socMin || socInitial > socMax))
                c.Error($"{path}.socInitial", JsonCursor.Format(socInitial.Value), $"is not in [socMin, socMax] = [{JsonCursor.Format(socMin.Value)}, {JsonCursor.Format(socMax.Value)}] kWh");
        }

        if (chargeMin is not null && chargeMax is not null) CheckMinMax(chargeMin, chargeMax, path, "chargeMin", "chargeMax", "kW", c);
        if (dischargeMin is not null && dischargeMax is not null) CheckMinMax(dischargeMin, dischargeMax, path, "dischargeMin", "dischargeMax", "kW", c);

        if (c.ErrorCount > errorsBefore || id is null || energyType is null || socMin is null || socMax is null || socInitial is null || chargeEfficiency is null
            || dischargeEfficiency is null || retention is null || chargeMin is null || chargeMax is null || dischargeMin is null || dischargeMax is null
            || penalty is null || terminal is null || exclusive is null)
            return null;
        return new Store(id, energyType, socMin.Value, socMax.Value, socInitial.Value, chargeEfficiency.Value, dischargeEfficiency.Value, retention.Value,
            Series.Of(chargeMin), Series.Of(chargeMax), Series.Of(dischargeMin), Series.Of(dischargeMax), Series.Of(penalty), terminal.Value, exclusive.Value);
    }

    private static Demand? ReadDemand(JsonElement e, string path, int n, HashSet<string> energyTypes, HashSet<string> disturbances, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        var id = c.Required(e, "id", path) is { } i ? c.Id(i, $"{path}.id") : null;
        var kind = c.Required(e, "kind", path) is { } k ? c.String(k, $"{path}.kind") : null;
        switch (kind)
        {
            case null:
                return null;
            case "series":
            {
                c.WarnUnknownFields(e, path, "id", "kind", "energyType", "values");
                var energyType = c.Required(e, "energyType", path) is { } q ? c.String(q, $"{path}.energyType") : null;
                if (energyType is not null && !energyTypes.Contains(energyType))
                    c.Error($"{path}.energyType", JsonCursor.Quote(energyType), $"is not an energy type that a supply of this subsystem produces (produced: {List(energyTypes)})");
                var values = c.Required(e, "values", path) is { } v ? c.Series(v, $"{path}.values", n, null, null, MaxPowerKw, "kW") : null;
                if (id is null || energyType is null || values is null || !energyTypes.Contains(energyType)) return null;
                return new SeriesDemand(id, energyType, Series.Of(values));
            }

            case "stateSpace":
                return ReadStateSpace(e, path, id, n, energyTypes, disturbances, c);
            default:
                c.Error($"{path}.kind", JsonCursor.Quote(kind), "is not one of \"series\", \"stateSpace\"");
                return null;
        }
    }

    private static StateSpaceDemand? ReadStateSpace(JsonElement e, string path, string? id, int n, HashSet<string> energyTypes, HashSet<string> disturbances, JsonCursor c)
    {
        var errorsBefore = c.ErrorCount;
        c.WarnUnknownFields(e, path, "id", "kind", "A", "B", "E", "C", "x0", "band", "slackWeight", "unit");
        var a = c.Required(e, "A", path) is { } ae ? c.Matrix(ae, $"{path}.A") : null;
        var cm = c.Required(e, "C", path) is { } ce ? c.Matrix(ce, $"{path}.C") : null;
        double[]? x0 = null;
        if (c.Required(e, "x0", path) is { } xe && c.ExpectArray(xe, $"{path}.x0"))
        {
            x0 = new double[xe.GetArrayLength()];
            var j = 0;
            foreach (var item in xe.EnumerateArray())
            {
                if (c.Number(item, $"{path}.x0[{j}]") is { } value) x0[j] = value;
                j++;
            }
        }

        var nx = a?.Length ?? x0?.Length ?? 0; // A is nx × nx by definition
        if (a is not null)
        {
            if (a.Length == 0) c.Error($"{path}.A", "an empty matrix", "has no rows: the model needs at least one state");
            for (var r = 0; r < a.Length; r++)
            {
                if (a[r].Length != a.Length)
                    c.Error($"{path}.A[{r}]", $"a row of {a[r].Length}", $"makes A non-square: A is {a.Length} × {a.Length} (nx × nx), so each row needs {a.Length} numbers");
            }

            if (x0 is not null && a.Length != x0.Length)
                c.Error($"{path}.x0", $"an array of {x0.Length}", $"does not match A: A has nx = {a.Length} states");
        }

        var b = ReadColumns(e, "B", path, nx, energyTypes, "an energy type that a supply of this subsystem produces", required: true, c);
        var ee = ReadColumns(e, "E", path, nx, disturbances, "a name in this subsystem's disturbances", required: false, c);
        if (b is not null && b.Count == 0) c.Error($"{path}.B", "an empty object", "names no energy type: the model would have no input");

        if (cm is not null)
        {
            if (cm.Length == 0) c.Error($"{path}.C", "an empty matrix", "has no rows: the model needs at least one output");
            for (var r = 0; r < cm.Length; r++)
            {
                if (cm[r].Length != nx)
                    c.Error($"{path}.C[{r}]", $"a row of {cm[r].Length}", $"does not match nx = {nx}: C is ny × nx");
            }
        }

        Band? band = null;
        if (c.Required(e, "band", path) is { } be && c.ExpectObject(be, $"{path}.band"))
        {
            var bp = $"{path}.band";
            c.WarnUnknownFields(be, bp, "lower", "upper", "sided");
            var lower = c.Required(be, "lower", bp) is { } lo ? c.Series(lo, $"{bp}.lower", n) : null;
            var upper = c.Required(be, "upper", bp) is { } up ? c.Series(up, $"{bp}.upper", n) : null;
            BandSide? sided = BandSide.Both;
            if (JsonCursor.Optional(be, "sided") is { } se)
            {
                sided = se.ValueKind == JsonValueKind.String ? se.GetString() switch
                {
                    "both" => BandSide.Both,
                    "lower" => BandSide.Lower,
                    "upper" => BandSide.Upper,
                    _ => null,
                } : null;
                if (sided is null) c.Error($"{bp}.sided", JsonCursor.Describe(se), "is not one of \"both\", \"lower\", \"upper\"");
            }

            if (lower is not null && upper is not null && CheckMinMax(lower, upper, bp, "lower", "upper", "", c) && sided is not null)
                band = new Band(Series.Of(lower), Series.Of(upper), sided.Value);
        }

        var slackWeight = JsonCursor.Optional(e, "slackWeight") is { } sw ? c.Number(sw, $"{path}.slackWeight", v => v >= 0, "is negative: γ must be ≥ 0", MaxWeight, "") : 1.0;

        var units = JsonCursor.Optional(e, "unit") is { } ue ? ReadUnits(ue, $"{path}.unit", cm?.Length ?? 0, c) : null;

        if (c.ErrorCount > errorsBefore || id is null || a is null || b is null || ee is null || cm is null || x0 is null || band is null || slackWeight is null) return null;
        return new StateSpaceDemand(id, a, b, ee, cm, x0, band, slackWeight.Value) { OutputUnits = units };
    }

    /// <summary>An output's unit: one string for every output, or an array of ny strings; short and printable.</summary>
    private static string[]? ReadUnits(JsonElement e, string path, int outputs, JsonCursor c)
    {
        string? One(JsonElement item, string itemPath)
        {
            if (c.String(item, itemPath) is not { } unit) return null;
            if (unit.Length <= 16 && !unit.Any(char.IsControl)) return unit;
            c.Error(itemPath, JsonCursor.Quote(unit), "is not a unit: at most 16 printable characters, e.g. \"°C\"");
            return null;
        }

        if (e.ValueKind != JsonValueKind.Array) return One(e, path) is { } single ? Enumerable.Repeat(single, outputs).ToArray() : null;
        if (e.GetArrayLength() != outputs)
        {
            c.Error(path, $"an array of {e.GetArrayLength()}", $"does not give one unit per output (C has ny = {outputs} rows)");
            return null;
        }

        var units = e.EnumerateArray().Select((item, k) => One(item, $"{path}[{k}]")).ToArray();
        return units.Any(u => u is null) ? null : units.Select(u => u!).ToArray();
    }

    private static Dictionary<string, double[]>? ReadColumns(JsonElement e, string field, string path, int nx, HashSet<string> allowed, string allowedText, bool required, JsonCursor c)
    {
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var element = required ? c.Required(e, field, path) : JsonCursor.Optional(e, field);
        if (element is null) return required ? null : columns;
        var fp = $"{path}.{field}";
        if (!c.ExpectObject(element.Value, fp)) return null;
        var ok = true;
        foreach (var item in element.Value.EnumerateObject())
        {
            var ip = $"{fp}.{item.Name}";
            if (!allowed.Contains(item.Name))
            {
                c.Error(ip, JsonCursor.Quote(item.Name), $"is not {allowedText} ({List(allowed)})");
                ok = false;
            }

            var matrix = c.Matrix(item.Value, ip);
            if (matrix is null)
            {
                ok = false;
                continue;
            }

            if (matrix.Length != nx || matrix.Any(row => row.Length != 1))
            {
                c.Error(ip, $"a {matrix.Length} × {(matrix.Length == 0 ? 0 : matrix.Max(row => row.Length))} matrix", $"is not nx × 1 = {nx} × 1 (one scalar input per {(field == "B" ? "energy type" : "disturbance")})");
                ok = false;
                continue;
            }

            columns[item.Name] = matrix.Select(row => row[0]).ToArray();
        }

        return ok ? columns : null;
    }

    private static ObjectiveWeights? ReadWeights(JsonElement e, string path, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        c.WarnUnknownFields(e, path, "energy", "storage", "comfort", "factors");
        const string rule = "is not in [0, 1]";
        var energy = JsonCursor.Optional(e, "energy") is { } en ? c.Number(en, $"{path}.energy", v => v is >= 0 and <= 1, rule) : 0;
        var storage = JsonCursor.Optional(e, "storage") is { } st ? c.Number(st, $"{path}.storage", v => v is >= 0 and <= 1, rule) : 0;
        var comfort = JsonCursor.Optional(e, "comfort") is { } co ? c.Number(co, $"{path}.comfort", v => v is >= 0 and <= 1, rule) : 0;
        if (energy is not null && storage is not null && comfort is not null && Math.Abs(energy.Value + storage.Value + comfort.Value - 1) > WeightSumTolerance)
        {
            c.Error(path, $"energy + storage + comfort = {JsonCursor.Format(energy.Value + storage.Value + comfort.Value)}",
                "does not sum to 1 (eq. 24: φ_nrg + φ_pen + φ_slack = 1, within 1e-9)");
            return null;
        }

        var factors = new Dictionary<string, double>(StringComparer.Ordinal);
        if (JsonCursor.Optional(e, "factors") is { } f && c.ExpectObject(f, $"{path}.factors"))
        {
            foreach (var item in f.EnumerateObject())
            {
                if (c.Number(item.Value, $"{path}.factors.{item.Name}", v => v >= 0, "is negative: α weights a factor and must be ≥ 0", MaxWeight, "") is { } alpha)
                    factors[item.Name] = alpha;
            }
        }

        if (energy is null || storage is null || comfort is null) return null;
        return new ObjectiveWeights(energy.Value, storage.Value, comfort.Value, factors);
    }

    /// <summary>The resource or energy-type names that a subsystem's supplies' conversions give, read from the raw JSON.</summary>
    private static IEnumerable<string> ConversionNames(JsonElement subsystem, string field)
    {
        if (subsystem.ValueKind != JsonValueKind.Object || JsonCursor.Optional(subsystem, "supplies") is not { ValueKind: JsonValueKind.Array } supplies) yield break;
        foreach (var supply in supplies.EnumerateArray())
        {
            if (supply.ValueKind != JsonValueKind.Object || JsonCursor.Optional(supply, "conversions") is not { ValueKind: JsonValueKind.Array } conversions) continue;
            foreach (var conversion in conversions.EnumerateArray())
            {
                if (conversion.ValueKind == JsonValueKind.Object && JsonCursor.Optional(conversion, field) is { ValueKind: JsonValueKind.String } name
                    && name.GetString() is { Length: > 0 } text && text[0] != JsonCursor.NonFiniteMarker)
                    yield return text;
            }
        }
    }

    /// <summary>The names a subsystem's <c>exports</c> give in <paramref name="field"/>, read from the raw JSON.</summary>
    private static IEnumerable<string> ExportNames(JsonElement subsystem, string field)
    {
        if (subsystem.ValueKind != JsonValueKind.Object || JsonCursor.Optional(subsystem, "exports") is not { ValueKind: JsonValueKind.Array } exports) yield break;
        foreach (var export in exports.EnumerateArray())
        {
            if (export.ValueKind == JsonValueKind.Object && JsonCursor.Optional(export, field) is { ValueKind: JsonValueKind.String } name
                && name.GetString() is { Length: > 0 } text && text[0] != JsonCursor.NonFiniteMarker)
                yield return text;
        }
    }

    private static List<T> ReadArray<T>(JsonElement e, string field, string path, JsonCursor c, bool required, Func<JsonElement, string, T?> read)
        where T : class
    {
        var result = new List<T>();
        var element = required ? c.Required(e, field, path) : JsonCursor.Optional(e, field);
        if (element is null || !c.ExpectArray(element.Value, $"{path}.{field}")) return result;
        var index = 0;
        foreach (var item in element.Value.EnumerateArray())
        {
            if (read(item, $"{path}.{field}[{index}]") is { } value) result.Add(value);
            index++;
        }

        return result;
    }

    /// <summary>Asset ids (supplies, stores, demands, exports) must be unique within a subsystem: they name assets and their set-points.</summary>
    private static void CheckUniqueIds(JsonElement subsystem, string path, JsonCursor c)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in new[] { "supplies", "stores", "demands", "exports" })
        {
            if (JsonCursor.Optional(subsystem, field) is not { ValueKind: JsonValueKind.Array } array) continue;
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && JsonCursor.Optional(item, "id") is { ValueKind: JsonValueKind.String } id && id.GetString() is { } name)
                {
                    var here = $"{path}.{field}[{index}].id";
                    if (seen.TryGetValue(name, out var first)) c.Error(here, JsonCursor.Quote(name), $"duplicates the id at {first}: asset ids must be unique within a subsystem");
                    else seen[name] = here;
                }

                index++;
            }
        }
    }

    private static void CheckUnique(JsonElement array, string path, string field, JsonCursor c)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && JsonCursor.Optional(item, field) is { ValueKind: JsonValueKind.String or JsonValueKind.Number } value)
            {
                // Compare what the value means, not how it is written: "heat-networ\u006b" is "heat-network", 1.0 is 1.
                var key = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.TryGetDouble(out var number) ? JsonCursor.Format(number) : value.GetRawText();
                if (seen.TryGetValue(key, out var first)) c.Error($"{path}[{index}].{field}", JsonCursor.Describe(value), $"duplicates {path}[{first}].{field}: each subsystem needs a unique {field}");
                else seen[key] = index;
            }

            index++;
        }
    }

    private static bool CheckMinMax(double[] min, double[] max, string path, string minName, string maxName, string unit, JsonCursor c)
    {
        for (var i = 0; i < min.Length; i++)
        {
            if (min[i] > max[i])
            {
                var where = min.Length > 1 && !(min.All(v => v == min[0]) && max.All(v => v == max[0])) ? $" at step {i}" : "";
                c.Error($"{path}.{minName}", JsonCursor.Format(min[i]), $"is greater than {maxName} ({JsonCursor.Format(max[i])}{(unit.Length > 0 ? " " + unit : "")}){where}");
                return false;
            }
        }

        return true;
    }

    /// <summary>Names as messages list them: quoted, comma-separated, at most ten and a count of the rest.</summary>
    internal static string List(IEnumerable<string> names)
    {
        var list = names.Select(JsonCursor.Quote).ToList();
        return list.Count switch
        {
            0 => "none",
            > 10 => $"{string.Join(", ", list.Take(10))} and {list.Count - 10} more",
            _ => string.Join(", ", list),
        };
    }
}
