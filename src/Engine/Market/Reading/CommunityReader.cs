using System.Globalization;
using System.Text.Json;
using Sems.Engine.Districts;
using Sems.Engine.Json;
using Sems.Engine.Model;

namespace Sems.Engine.Market;

/// <summary>
/// Reads and validates a community file (the local energy market's input contract, <c>docs/market-format.md</c>) into
/// a <see cref="Community"/>. The JSON policy, the series, the ids and the grid block are the district file's; every
/// problem is collected and names the JSON path, the value and the rule broken.
/// </summary>
public static class CommunityReader
{
    /// <summary>The step when the file gives none: one hour, the day-ahead market interval.</summary>
    public const int DefaultStepMinutes = 60;

    /// <summary>The horizon when the file gives none: a day of hourly intervals.</summary>
    public const int DefaultHorizonSteps = 24;

    /// <summary>The most iterations a file may ask the coordinator for.</summary>
    public const int MaxIterations = 1000;

    /// <summary>The longest wait for one iteration's answers a file may ask for, seconds (a day).</summary>
    public const double MaxResponseTimeoutSeconds = 86_400;

    /// <summary>The largest file <see cref="ReadFile"/> reads: 256 MiB.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Longest community <c>title</c>, in UTF-16 code units.</summary>
    public const int MaxTitleLength = 200;

    private const string PowerRule = "is negative: a power is in kW ≥ 0";

    private static readonly string[] AssetFields = ["loadKw", "pvKw", "battery", "flexibleLoads"];

    /// <summary>Reads a community from JSON text. Never throws for bad input: problems come back in the result.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="sourceName">Where the text came from (a file name), carried into the result for messages.</param>
    public static CommunityReadResult Read(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var parsed = StrictJson.Parse(json);
        return Read(parsed, sourceName);
    }

    /// <summary>Reads a community from the bytes of a file (strict UTF-8, <see cref="StrictJson"/>). Never throws for bad input.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="sourceName">Where the bytes came from (a file name), carried into the result for messages.</param>
    public static CommunityReadResult Read(ReadOnlyMemory<byte> utf8, string? sourceName = null)
    {
        using var parsed = StrictJson.Parse(utf8);
        return Read(parsed, sourceName);
    }

    /// <summary>
    /// Reads a community file from disk. A file that cannot be read (missing, unreadable, larger than
    /// <see cref="MaxFileBytes"/>) comes back as one error at <c>$</c> naming the file; nothing is thrown.
    /// </summary>
    public static CommunityReadResult ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
                return Unreadable(path, $"has {length} bytes, more than the {MaxFileBytes} bytes (256 MiB) a community file may have");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return Unreadable(path, $"cannot be read: {e.Message}");
        }

        return Read(bytes, path);
    }

    private static CommunityReadResult Unreadable(string path, string rule) =>
        new(null, [new ValidationProblem("$", JsonCursor.Quote(path), rule)], [], path);

    private static CommunityReadResult Read(StrictJsonResult parsed, string? sourceName)
    {
        if (parsed.Document is not { } document) return new CommunityReadResult(null, parsed.Problems, [], sourceName);
        var cursor = new JsonCursor();
        var community = ReadCommunity(document.RootElement, cursor);
        return new CommunityReadResult(cursor.ErrorCount == 0 ? community : null, cursor.Errors, cursor.Warnings, sourceName);
    }

    private static Community? ReadCommunity(JsonElement root, JsonCursor c)
    {
        if (!c.ExpectObject(root, "$")) return null;
        c.WarnUnknownFields(root, "", "name", "title", "currency", "start", "stepMinutes", "horizonSteps", "tariff", "grid", "market", "prosumers");

        var name = c.Required(root, "name", "") is { } n ? c.Id(n, "name") : null;
        var title = ReadTitle(root, c);
        var currency = ReadCurrency(root, c);
        var start = ReadStart(root, c);

        var stepMinutes = JsonCursor.Optional(root, "stepMinutes") is { } sm ? c.Integer(sm, "stepMinutes", 1, DistrictReader.MaxStepMinutes) : DefaultStepMinutes;
        if (stepMinutes is { } minutes && 1440 % minutes != 0)
        {
            c.Error("stepMinutes", Text(minutes), "does not divide a day (1440 minutes)");
            stepMinutes = null;
        }

        var steps = JsonCursor.Optional(root, "horizonSteps") is { } hs ? c.Integer(hs, "horizonSteps", 1, DistrictReader.MaxHorizonSteps) : DefaultHorizonSteps;
        if (stepMinutes is not null && steps is not null && (long)stepMinutes.Value * steps.Value > DistrictReader.MaxHorizonMinutes)
        {
            c.Error("horizonSteps", Text(steps.Value), $"with stepMinutes {stepMinutes.Value} spans more than 31 days, the longest horizon SEMS plans");
            steps = null;
        }

        if (stepMinutes is null || steps is null) return null; // every series length depends on them
        var horizon = steps.Value;

        var tariff = ReadTariff(root, horizon, c);
        var grid = ReadGrid(root, horizon, c);
        var market = ReadMarket(root, c);
        var prosumers = ReadProsumers(root, horizon, c);
        CheckNodes(root, name, grid, c);

        if (name is null || tariff is null || market is null || prosumers is null || c.ErrorCount > 0) return null;
        var topology = grid?.Nodes is { } nodes
            ? new GridTopology(nodes)
            : GridTopology.Single(name, new Dictionary<string, Series>(StringComparer.Ordinal));
        return new Community(name, title, currency, start, stepMinutes.Value, horizon, tariff.Value.Retail, tariff.Value.FeedIn, prosumers, topology, market);
    }

    private static string? ReadTitle(JsonElement root, JsonCursor c)
    {
        if (JsonCursor.Optional(root, "title") is not { } t || c.String(t, "title") is not { } text) return null;
        if (text.Length <= MaxTitleLength && !text.Any(char.IsControl) && !string.IsNullOrWhiteSpace(text)) return text;
        c.Error("title", JsonCursor.Quote(text), "is not a community title: 1–200 characters, not blank, no control characters");
        return null;
    }

    private static string? ReadCurrency(JsonElement root, JsonCursor c)
    {
        if (JsonCursor.Optional(root, "currency") is not { } cur || c.String(cur, "currency") is not { } code) return null;
        if (code.Length == 3 && code.All(char.IsAsciiLetterUpper)) return code;
        c.Error("currency", JsonCursor.Quote(code), "is not an ISO 4217 currency code (three capital letters, e.g. \"EUR\")");
        return null;
    }

    private static DateTimeOffset? ReadStart(JsonElement root, JsonCursor c)
    {
        if (JsonCursor.Optional(root, "start") is not { } s) return null;
        if (s.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(s.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            c.Error("start", JsonCursor.Describe(s), "is not an ISO 8601 timestamp");
        else if (parsed < DistrictReader.EarliestStart || parsed >= DistrictReader.LatestStart)
            c.Error("start", JsonCursor.Describe(s), "is not between 1900-01-01 and 2200-01-01");
        else
            return parsed;
        return null;
    }

    /// <summary><c>tariff</c>: the grid's retail (import) and feed-in (export) prices per step, 0 ≤ feedIn &lt; retail.</summary>
    private static (double[] Retail, double[] FeedIn)? ReadTariff(JsonElement root, int n, JsonCursor c)
    {
        if (c.Required(root, "tariff", "") is not { } tariff || !c.ExpectObject(tariff, "tariff")) return null;
        c.WarnUnknownFields(tariff, "tariff", "retail", "feedIn");
        var retail = c.Required(tariff, "retail", "tariff") is { } r
            ? c.Series(r, "tariff.retail", n, null, null, DistrictReader.MaxFactor, "per kWh")
            : null;
        var feedInElement = c.Required(tariff, "feedIn", "tariff");
        var feedIn = feedInElement is { } f
            ? c.Series(f, "tariff.feedIn", n, v => v >= 0, "is negative: the feed-in price is what the grid pays for a kWh exported, ≥ 0", DistrictReader.MaxFactor, "per kWh")
            : null;
        if (retail is null || feedIn is null) return null;

        for (var t = 0; t < n; t++)
        {
            if (feedIn[t] < retail[t]) continue;
            var path = feedInElement!.Value.ValueKind == JsonValueKind.Array ? $"tariff.feedIn[{t}]" : "tariff.feedIn";
            c.Error(path, JsonCursor.Format(feedIn[t]),
                $"is not below the retail price ({JsonCursor.Format(retail[t])} per kWh) at step {t}: the grid must sell dearer than it buys, or no price lies between them");
            return null;
        }

        return (retail, feedIn);
    }

    /// <summary>The district format's <c>grid</c> block; its limits may name only <see cref="Community.Electricity"/>.</summary>
    private static GridReader.Result? ReadGrid(JsonElement root, int n, JsonCursor c)
    {
        var errorsBefore = c.ErrorCount;
        var grid = GridReader.ReadGrid(root, n, new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, Series>(StringComparer.Ordinal), null, c);
        if (grid is null) return null;

        if (JsonCursor.Optional(root, "grid") is { ValueKind: JsonValueKind.Object } g && JsonCursor.Optional(g, "nodes") is { ValueKind: JsonValueKind.Array } nodes)
        {
            var k = 0;
            foreach (var node in nodes.EnumerateArray())
            {
                if (node.ValueKind == JsonValueKind.Object && JsonCursor.Optional(node, "limits") is { ValueKind: JsonValueKind.Object } limits)
                {
                    foreach (var resource in limits.EnumerateObject().Where(r => Identifier.IsValid(r.Name) && r.Name != Community.Electricity))
                        c.Error($"grid.nodes[{k}].limits.{resource.Name}", JsonCursor.Quote(resource.Name),
                            $"is not \"{Community.Electricity}\": a community's grid limits only the electricity its prosumers import and export");
                }

                k++;
            }
        }

        return c.ErrorCount > errorsBefore ? new GridReader.Result(null, grid.NodeIds) : grid;
    }

    private static MarketSettings? ReadMarket(JsonElement root, JsonCursor c)
    {
        var d = MarketSettings.Default;
        if (JsonCursor.Optional(root, "market") is not { } e) return d;
        if (!c.ExpectObject(e, "market")) return null;
        c.WarnUnknownFields(e, "market", "mechanism", "threshold", "priceTolerance", "maxIterations", "damping", "onMissing", "responseTimeoutSeconds");

        var mechanism = JsonCursor.Optional(e, "mechanism") is { } m
            ? Choice(m, "market.mechanism", c, ("sdr", MarketMechanism.Sdr), ("auction", MarketMechanism.Auction))
            : d.Mechanism;
        var threshold = JsonCursor.Optional(e, "threshold") is { } th
            ? c.Number(th, "market.threshold", v => v > 0, "is not > 0: the threshold is a cost reduction in currency units", DistrictReader.MaxWeight, "")
            : d.ThresholdCurrency;
        var priceTolerance = JsonCursor.Optional(e, "priceTolerance") is { } pt
            ? c.Number(pt, "market.priceTolerance", v => v > 0, "is not > 0: the tolerance is a price move in currency units per kWh", DistrictReader.MaxFactor, "per kWh")
            : d.PriceTolerancePerKwh;
        var maxIterations = JsonCursor.Optional(e, "maxIterations") is { } mi ? c.Integer(mi, "market.maxIterations", 1, MaxIterations) : d.MaxIterations;
        var damping = JsonCursor.Optional(e, "damping") is { } dm
            ? c.Number(dm, "market.damping", v => v > 0 && v <= 1, "is not in (0, 1]: the weight of the new prices (1 = no damping)")
            : d.Damping;
        var onMissing = JsonCursor.Optional(e, "onMissing") is { } om
            ? Choice(om, "market.onMissing", c, ("settleWithout", MissingProsumerPolicy.SettleWithout), ("wait", MissingProsumerPolicy.Wait))
            : d.OnMissing;
        var timeout = JsonCursor.Optional(e, "responseTimeoutSeconds") is { } rt
            ? c.Number(rt, "market.responseTimeoutSeconds", v => v > 0, "is not > 0: the wait for an iteration's answers is a positive number of seconds", MaxResponseTimeoutSeconds, "s")
            : d.ResponseTimeout.TotalSeconds;

        if (mechanism is null || threshold is null || priceTolerance is null || maxIterations is null || damping is null || onMissing is null || timeout is null) return null;
        return new MarketSettings(mechanism.Value, threshold.Value, maxIterations.Value, damping.Value, onMissing.Value, TimeSpan.FromSeconds(timeout.Value))
        {
            PriceTolerancePerKwh = priceTolerance.Value,
        };
    }

    private static List<Prosumer>? ReadProsumers(JsonElement root, int n, JsonCursor c)
    {
        if (c.Required(root, "prosumers", "") is not { } array || !c.ExpectArray(array, "prosumers")) return null;
        if (array.GetArrayLength() == 0)
        {
            c.Error("prosumers", "an empty array", "has no prosumer: a community has at least one");
            return null;
        }

        var prosumers = new List<Prosumer>();
        var ok = true;
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (ReadProsumer(element, $"prosumers[{index}]", n, c) is { } prosumer) prosumers.Add(prosumer);
            else ok = false;
            index++;
        }

        CheckUniqueIds(array, "prosumers", "prosumer ids must be unique in a community", c);
        return ok ? prosumers : null;
    }

    private static Prosumer? ReadProsumer(JsonElement e, string path, int n, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        var errorsBefore = c.ErrorCount;
        c.WarnUnknownFields(e, path, "id", "kind", "node", "virtual", "external", "loadKw", "pvKw", "importMaxKw", "exportMaxKw", "battery", "flexibleLoads");
        var id = c.Required(e, "id", path) is { } i ? c.Id(i, $"{path}.id") : null;
        var kind = c.Required(e, "kind", path) is { } k ? c.Id(k, $"{path}.kind") : null;
        var node = JsonCursor.Optional(e, "node") is { } nd ? c.Id(nd, $"{path}.node") : null; // that it is a node: CheckNodes
        var isVirtual = JsonCursor.Optional(e, "virtual") is { } v ? c.Bool(v, $"{path}.virtual") : false;
        var external = JsonCursor.Optional(e, "external") is { } x ? c.Bool(x, $"{path}.external") : false;

        if (external is null) return null; // whether its assets belong in the file is unknown: nothing more to judge

        if (external.Value)
        {
            foreach (var field in AssetFields.Where(f => JsonCursor.Optional(e, f) is not null))
                c.Error($"{path}.{field}", JsonCursor.Describe(e.GetProperty(field)),
                    "is given for an external prosumer: its own energy management system answers for it, so the file names no assets (remove the field or make external false)");
            var importCap = JsonCursor.Optional(e, "importMaxKw") is { } ie ? c.Series(ie, $"{path}.importMaxKw", n, w => w >= 0, PowerRule, DistrictReader.MaxPowerKw, "kW") : Array.Empty<double>();
            var exportCap = JsonCursor.Optional(e, "exportMaxKw") is { } ee ? c.Series(ee, $"{path}.exportMaxKw", n, w => w >= 0, PowerRule, DistrictReader.MaxPowerKw, "kW") : Array.Empty<double>();
            if (c.ErrorCount > errorsBefore || id is null || kind is null || isVirtual is null || importCap is null || exportCap is null) return null;
            return new Prosumer(id, kind, node, isVirtual.Value, true, [], [], importCap, exportCap, null, []);
        }

        var load = c.Required(e, "loadKw", path) is { } l ? c.Series(l, $"{path}.loadKw", n, w => w >= 0, PowerRule, DistrictReader.MaxPowerKw, "kW") : null;
        var pv = JsonCursor.Optional(e, "pvKw") is { } p ? c.Series(p, $"{path}.pvKw", n, w => w >= 0, PowerRule, DistrictReader.MaxPowerKw, "kW") : new double[n];
        var importMax = c.Required(e, "importMaxKw", path) is { } im ? c.Series(im, $"{path}.importMaxKw", n, w => w >= 0, PowerRule, DistrictReader.MaxPowerKw, "kW") : null;
        var exportMax = c.Required(e, "exportMaxKw", path) is { } em ? c.Series(em, $"{path}.exportMaxKw", n, w => w >= 0, PowerRule, DistrictReader.MaxPowerKw, "kW") : null;
        var batteryElement = JsonCursor.Optional(e, "battery");
        var battery = batteryElement is { } b ? ReadBattery(b, $"{path}.battery", c) : null;
        var flexibleLoads = ReadFlexibleLoads(e, path, n, c);

        // What the meter, the PV and the battery can give at most must cover the inflexible load, or no schedule exists.
        if (load is not null && pv is not null && importMax is not null && (batteryElement is null || battery is not null))
        {
            var discharge = battery?.DischargeMaxKw ?? 0;
            for (var t = 0; t < n; t++)
            {
                var supply = importMax[t] + pv[t] + discharge;
                if (load[t] <= supply) continue;
                c.Error(LoadPath(t), JsonCursor.Format(load[t]),
                    $"at step {t} is more than the prosumer can supply: importMaxKw + pvKw{(battery is null ? "" : " + battery.dischargeMaxKw")} = {JsonCursor.Format(supply)} kW");
                break;
            }
        }

        if (c.ErrorCount > errorsBefore || id is null || kind is null || isVirtual is null || load is null || pv is null
            || importMax is null || exportMax is null || flexibleLoads is null || (batteryElement is not null && battery is null))
            return null;
        return new Prosumer(id, kind, node, isVirtual.Value, false, load, pv, importMax, exportMax, battery, flexibleLoads);

        string LoadPath(int t) => e.GetProperty("loadKw").ValueKind == JsonValueKind.Array ? $"{path}.loadKw[{t}]" : $"{path}.loadKw";
    }

    private static ProsumerBattery? ReadBattery(JsonElement e, string path, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        var errorsBefore = c.ErrorCount;
        c.WarnUnknownFields(e, path, "capacityKwh", "socInitialKwh", "socMinKwh", "chargeMaxKw", "dischargeMaxKw", "chargeEfficiency", "dischargeEfficiency", "terminal");
        const string energyRule = "is negative: an energy is in kWh ≥ 0";
        const string unitInterval = "is not in (0, 1]";
        var capacity = c.Required(e, "capacityKwh", path) is { } cap
            ? c.Number(cap, $"{path}.capacityKwh", v => v > 0, "is not > 0: a battery's capacity is a positive energy in kWh", DistrictReader.MaxEnergyKwh, "kWh")
            : null;
        var socInitial = c.Required(e, "socInitialKwh", path) is { } s0 ? c.Number(s0, $"{path}.socInitialKwh", v => v >= 0, energyRule, DistrictReader.MaxEnergyKwh, "kWh") : null;
        var socMin = JsonCursor.Optional(e, "socMinKwh") is { } smin ? c.Number(smin, $"{path}.socMinKwh", v => v >= 0, energyRule, DistrictReader.MaxEnergyKwh, "kWh") : 0.0;
        var chargeMax = c.Required(e, "chargeMaxKw", path) is { } cm ? c.Number(cm, $"{path}.chargeMaxKw", v => v >= 0, PowerRule, DistrictReader.MaxPowerKw, "kW") : null;
        var dischargeMax = c.Required(e, "dischargeMaxKw", path) is { } dm ? c.Number(dm, $"{path}.dischargeMaxKw", v => v >= 0, PowerRule, DistrictReader.MaxPowerKw, "kW") : null;
        var chargeEfficiency = JsonCursor.Optional(e, "chargeEfficiency") is { } ce ? c.Number(ce, $"{path}.chargeEfficiency", v => v > 0 && v <= 1, unitInterval) : 1.0;
        var dischargeEfficiency = JsonCursor.Optional(e, "dischargeEfficiency") is { } de ? c.Number(de, $"{path}.dischargeEfficiency", v => v > 0 && v <= 1, unitInterval) : 1.0;
        var endAtLeastInitial = JsonCursor.Optional(e, "terminal") is { } t ? Choice(t, $"{path}.terminal", c, ("none", false), ("atLeastInitial", true)) : false;

        if (capacity is not null && socMin is not null)
        {
            if (socMin > capacity)
                c.Error($"{path}.socMinKwh", JsonCursor.Format(socMin.Value), $"is greater than capacityKwh ({JsonCursor.Format(capacity.Value)} kWh)");
            else if (socInitial is not null && (socInitial < socMin || socInitial > capacity))
                c.Error($"{path}.socInitialKwh", JsonCursor.Format(socInitial.Value),
                    $"is not in [socMinKwh, capacityKwh] = [{JsonCursor.Format(socMin.Value)}, {JsonCursor.Format(capacity.Value)}] kWh");
        }

        if (c.ErrorCount > errorsBefore || capacity is null || socInitial is null || socMin is null || chargeMax is null || dischargeMax is null
            || chargeEfficiency is null || dischargeEfficiency is null || endAtLeastInitial is null)
            return null;
        return new ProsumerBattery(capacity.Value, socInitial.Value, socMin.Value, chargeMax.Value, dischargeMax.Value, chargeEfficiency.Value, dischargeEfficiency.Value, endAtLeastInitial.Value);
    }

    private static List<FlexibleLoad>? ReadFlexibleLoads(JsonElement prosumer, string prosumerPath, int n, JsonCursor c)
    {
        if (JsonCursor.Optional(prosumer, "flexibleLoads") is not { } array) return [];
        var path = $"{prosumerPath}.flexibleLoads";
        if (!c.ExpectArray(array, path)) return null;
        var loads = new List<FlexibleLoad>();
        var ok = true;
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (ReadFlexibleLoad(element, $"{path}[{index}]", n, c) is { } load) loads.Add(load);
            else ok = false;
            index++;
        }

        CheckUniqueIds(array, path, "flexible-load ids must be unique within a prosumer", c);
        return ok ? loads : null;
    }

    private static FlexibleLoad? ReadFlexibleLoad(JsonElement e, string path, int n, JsonCursor c)
    {
        if (!c.ExpectObject(e, path)) return null;
        var errorsBefore = c.ErrorCount;
        c.WarnUnknownFields(e, path, "id", "profileKw", "earliestStartStep", "latestEndStep", "preferredStartStep", "delayCostPerStep");
        var id = c.Required(e, "id", path) is { } i ? c.Id(i, $"{path}.id") : null;
        var profile = c.Required(e, "profileKw", path) is { } p ? ReadProfile(p, $"{path}.profileKw", n, c) : null;
        var last = n - 1;
        var earliest = c.Required(e, "earliestStartStep", path) is { } es ? c.Integer(es, $"{path}.earliestStartStep", 0, last) : null;
        var latestEnd = c.Required(e, "latestEndStep", path) is { } le ? c.Integer(le, $"{path}.latestEndStep", 0, last) : null;
        var preferredElement = JsonCursor.Optional(e, "preferredStartStep");
        var preferred = preferredElement is { } ps ? c.Integer(ps, $"{path}.preferredStartStep", 0, last) : earliest;
        var delayCost = JsonCursor.Optional(e, "delayCostPerStep") is { } dc
            ? c.Number(dc, $"{path}.delayCostPerStep", v => v >= 0, "is negative: a delay cost is in currency per step of shift, ≥ 0", DistrictReader.MaxWeight, "")
            : 0.0;

        if (profile is not null && earliest is not null && latestEnd is not null)
        {
            var window = latestEnd.Value - earliest.Value + 1;
            var lastStart = latestEnd.Value - profile.Length + 1;
            if (latestEnd < earliest)
                c.Error($"{path}.latestEndStep", Text(latestEnd.Value), $"is before earliestStartStep ({Text(earliest.Value)}): the window is empty");
            else if (window < profile.Length)
                c.Error($"{path}.latestEndStep", Text(latestEnd.Value),
                    $"leaves a window of {Text(window)} step{(window == 1 ? "" : "s")} from earliestStartStep {Text(earliest.Value)}, shorter than the profile's {Text(profile.Length)} steps: the load could never run");
            else if (preferredElement is not null && preferred is not null && (preferred < earliest || preferred > lastStart))
                c.Error($"{path}.preferredStartStep", Text(preferred.Value),
                    $"is not a start the window allows: [earliestStartStep, latestEndStep − {Text(profile.Length)} + 1] = [{Text(earliest.Value)}, {Text(lastStart)}]");
        }

        if (c.ErrorCount > errorsBefore || id is null || profile is null || earliest is null || latestEnd is null || preferred is null || delayCost is null) return null;
        return new FlexibleLoad(id, profile, earliest.Value, latestEnd.Value, preferred.Value, delayCost.Value);
    }

    /// <summary>A run's power profile: 1 to horizonSteps numbers in kW ≥ 0, not all 0.</summary>
    private static double[]? ReadProfile(JsonElement e, string path, int n, JsonCursor c)
    {
        if (!c.ExpectArray(e, path)) return null;
        var length = e.GetArrayLength();
        if (length == 0 || length > n)
        {
            c.Error(path, $"an array of {Text(length)} numbers", $"is not a profile: 1 to {Text(n)} numbers (horizonSteps), one per step of the run");
            return null;
        }

        var values = new double[length];
        var ok = true;
        var k = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (c.Number(item, $"{path}[{k}]", v => v >= 0, PowerRule, DistrictReader.MaxPowerKw, "kW") is { } value) values[k] = value;
            else ok = false;
            k++;
        }

        if (ok && values.All(v => v == 0))
        {
            c.Error(path, $"an array of {Text(length)} zeros", "uses no energy: a flexible load's profile has a power > 0 in some step");
            return null;
        }

        return ok ? values : null;
    }

    /// <summary>A prosumer's <c>node</c> must be a node of the grid (without a grid: the root, named after the community).</summary>
    private static void CheckNodes(JsonElement root, string? name, GridReader.Result? grid, JsonCursor c)
    {
        if (JsonCursor.Optional(root, "prosumers") is not { ValueKind: JsonValueKind.Array } array) return;
        if (grid is null ? name is null : grid.NodeIds is null) return; // the node ids are unknown: nothing to compare with
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Object && JsonCursor.Optional(element, "node") is { ValueKind: JsonValueKind.String } nodeElement
                && nodeElement.GetString() is { } node && Identifier.IsValid(node))
            {
                if (grid is null && node != name)
                    c.Error($"prosumers[{index}].node", JsonCursor.Quote(node), $"is not a node id: the file has no grid, so its only node is the root {JsonCursor.Quote(name!)}");
                else if (grid is not null && !grid.NodeIds!.Contains(node, StringComparer.Ordinal))
                    c.Error($"prosumers[{index}].node", JsonCursor.Quote(node), $"is not a node id of the grid (ids: {DistrictReader.List(grid.NodeIds!)})");
            }

            index++;
        }
    }

    /// <summary>Each element's <c>id</c> is unique in the array; a repeat is reported at its <c>id</c>, naming the first.</summary>
    private static void CheckUniqueIds(JsonElement array, string path, string rule, JsonCursor c)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && JsonCursor.Optional(item, "id") is { ValueKind: JsonValueKind.String } value
                && value.GetString() is { } id && Identifier.IsValid(id))
            {
                if (seen.TryGetValue(id, out var first)) c.Error($"{path}[{index}].id", JsonCursor.Quote(id), $"duplicates {path}[{first}].id: {rule}");
                else seen[id] = index;
            }

            index++;
        }
    }

    /// <summary>One of the named string values, or null (and an error listing them).</summary>
    private static T? Choice<T>(JsonElement e, string path, JsonCursor c, params (string Text, T Value)[] options)
        where T : struct
    {
        if (e.ValueKind == JsonValueKind.String && e.GetString() is { } text)
        {
            foreach (var (option, value) in options)
            {
                if (option == text) return value;
            }
        }

        c.Error(path, JsonCursor.Describe(e), $"is not one of {string.Join(", ", options.Select(o => $"\"{o.Text}\""))}");
        return null;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
