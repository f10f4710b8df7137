using System.Globalization;
using Sems.Contracts.Market;
using Sems.Engine.Market;
using Sems.Engine.Model;

namespace Sems.Grains.Market;

/// <summary>
/// The checks a coordinator grain makes on a community definition before it keeps it: the structure the grains rely
/// on (the key, series lengths, unique ids, nodes of the grid, the option names). The community file's full rules are
/// the reader's; a definition made from a file it accepted passes these.
/// </summary>
public static class MarketDefinitions
{
    /// <summary>Every problem of <paramref name="definition"/> for the coordinator of key <paramref name="key"/>, each naming its field; empty when it can be used.</summary>
    public static IReadOnlyList<string> Problems(CommunityDefinition definition, string key)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<string>();
        void Add(string text) => problems.Add(text);
        if (definition.Name != key) Add($"name: \"{definition.Name}\" is not this coordinator's community \"{key}\"");
        if (definition.StepMinutes is < 1 or > 1440) Add(Invariant($"stepMinutes: {definition.StepMinutes} is not a whole number of minutes from 1 to 1440"));
        if (definition.Steps < 1) Add(Invariant($"horizonSteps: {definition.Steps} must be at least 1"));
        var steps = definition.Steps;
        Length(definition.RetailPerKwh, "tariff.retail", steps, Add);
        Length(definition.FeedInPerKwh, "tariff.feedIn", steps, Add);
        if (definition.Market is not { } market) Add("market: missing");
        else
        {
            if (MarketMapper.Mechanism(market.Mechanism) is null) Add($"market.mechanism: \"{market.Mechanism}\" is not one of \"sdr\", \"auction\"");
            if (MarketMapper.OnMissing(market.OnMissing) is null) Add($"market.onMissing: \"{market.OnMissing}\" is not one of \"settleWithout\", \"wait\"");
            if (!double.IsFinite(market.ThresholdCurrency) || market.ThresholdCurrency <= 0) Add(Invariant($"market.threshold: {market.ThresholdCurrency} must be a finite amount above 0"));
            if (market.MaxIterations < 1) Add(Invariant($"market.maxIterations: {market.MaxIterations} must be at least 1"));
            if (!(market.Damping > 0 && market.Damping <= 1)) Add(Invariant($"market.damping: {market.Damping} must lie in (0, 1]"));
            if (market.ResponseTimeout <= TimeSpan.Zero) Add(Invariant($"market.responseTimeoutSeconds: {market.ResponseTimeout.TotalSeconds} must be above 0"));
        }

        GridTopology? grid = null;
        try
        {
            grid = MarketMapper.Grid(definition);
        }
        catch (ArgumentException e)
        {
            Add(e.Message.Split(" (Parameter", 2)[0]);
        }

        if (definition.Prosumers is not { Length: > 0 } prosumers)
        {
            Add("prosumers: a community has at least one prosumer");
            return problems;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < prosumers.Length; k++)
        {
            var p = prosumers[k];
            var at = $"prosumers[{k}]";
            if (p is null)
            {
                Add($"{at}: missing");
                continue;
            }

            if (!Identifier.IsValid(p.Id)) Add($"{at}.id: \"{p.Id}\" is not an id (1–64 ASCII letters, digits, '-', '_', '.')");
            else if (!ids.Add(p.Id)) Add($"{at}.id: \"{p.Id}\" is used twice");
            if (p.Node is { } node && grid is not null && !grid.TryIndexOf(node, out _)) Add($"{at}.node: \"{node}\" is not a node of the grid");
            if (p.External) continue;
            Length(p.LoadKw, $"{at}.loadKw", steps, Add);
            Length(p.PvKw, $"{at}.pvKw", steps, Add);
            Length(p.ImportMaxKw, $"{at}.importMaxKw", steps, Add);
            Length(p.ExportMaxKw, $"{at}.exportMaxKw", steps, Add);
        }

        return problems;
    }

    private static void Length(double[]? values, string field, int steps, Action<string> add)
    {
        if (values is null) add($"{field}: missing");
        else if (values.Length != steps) add(Invariant($"{field}: {values.Length} values where the horizon has {steps} steps"));
        else if (values.Any(v => !double.IsFinite(v))) add($"{field}: holds a value that is not a finite number");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
