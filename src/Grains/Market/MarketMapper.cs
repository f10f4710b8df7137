using Sems.Contracts.Definitions;
using Sems.Contracts.Market;
using Sems.Engine.Market;
using Sems.Engine.Model;

namespace Sems.Grains.Market;

/// <summary>
/// Maps the engine's market records to the typed wire records and back, value for value: a community and its
/// prosumers, the requests of an iteration and the schedules that answer them.
/// </summary>
public static class MarketMapper
{
    /// <summary>The wire name of a mechanism, as the community file writes it.</summary>
    public static string MechanismName(MarketMechanism mechanism) => mechanism switch
    {
        MarketMechanism.Sdr => "sdr",
        MarketMechanism.Auction => "auction",
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "not a market mechanism"),
    };

    /// <summary>The wire name of a missing-prosumer policy, as the community file writes it.</summary>
    public static string OnMissingName(MissingProsumerPolicy policy) => policy switch
    {
        MissingProsumerPolicy.SettleWithout => "settleWithout",
        MissingProsumerPolicy.Wait => "wait",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "not a missing-prosumer policy"),
    };

    /// <summary>A mechanism by its wire name; null for an unknown one.</summary>
    public static MarketMechanism? Mechanism(string name) => name switch
    {
        "sdr" => MarketMechanism.Sdr,
        "auction" => MarketMechanism.Auction,
        _ => null,
    };

    /// <summary>A missing-prosumer policy by its wire name; null for an unknown one.</summary>
    public static MissingProsumerPolicy? OnMissing(string name) => name switch
    {
        "settleWithout" => MissingProsumerPolicy.SettleWithout,
        "wait" => MissingProsumerPolicy.Wait,
        _ => null,
    };

    public static CommunityDefinition ToWire(Community community)
    {
        ArgumentNullException.ThrowIfNull(community);
        var m = community.Market;
        return new CommunityDefinition(community.Name, community.Title, community.Currency, community.Start, community.StepMinutes, community.Steps,
            community.RetailPerKwh.ToArray(), community.FeedInPerKwh.ToArray(), community.Prosumers.Select(ToWire).ToArray(),
            community.Grid.Nodes.Select(DefinitionMapper.ToWire).ToArray(),
            new MarketSettingsDefinition(MechanismName(m.Mechanism), m.ThresholdCurrency, m.MaxIterations, m.Damping, OnMissingName(m.OnMissing), m.ResponseTimeout));
    }

    /// <summary>
    /// The engine's community of a definition. Throws <see cref="ArgumentException"/> naming the field when the
    /// definition cannot be one (<see cref="MarketDefinitions.Problems"/> lists every such problem first).
    /// </summary>
    public static Community ToEngine(CommunityDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var m = definition.Market ?? throw new ArgumentException("market: missing", nameof(definition));
        var mechanism = Mechanism(m.Mechanism) ?? throw new ArgumentException($"market.mechanism: \"{m.Mechanism}\" is not one of \"sdr\", \"auction\"", nameof(definition));
        var onMissing = OnMissing(m.OnMissing) ?? throw new ArgumentException($"market.onMissing: \"{m.OnMissing}\" is not one of \"settleWithout\", \"wait\"", nameof(definition));
        return new Community(definition.Name, definition.Title, definition.Currency, definition.Start, definition.StepMinutes, definition.Steps,
            definition.RetailPerKwh.ToArray(), definition.FeedInPerKwh.ToArray(), definition.Prosumers.Select(ToEngine).ToArray(), Grid(definition),
            new MarketSettings(mechanism, m.ThresholdCurrency, m.MaxIterations, m.Damping, onMissing, m.ResponseTimeout));
    }

    /// <summary>The grid of a definition, root first; without nodes, one root named after the community with no limits.</summary>
    public static GridTopology Grid(CommunityDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Grid.Length == 0) return GridTopology.Single(definition.Name, new Dictionary<string, Series>(StringComparer.Ordinal));
        var sorted = GridTopology.Sort(definition.Grid.Select(DefinitionMapper.ToEngine).ToList())
            ?? throw new ArgumentException($"grid: the nodes of community \"{definition.Name}\" are not one tree", nameof(definition));
        return new GridTopology(sorted);
    }

    public static ProsumerDefinition ToWire(Prosumer prosumer)
    {
        ArgumentNullException.ThrowIfNull(prosumer);
        return new ProsumerDefinition(prosumer.Id, prosumer.Kind, prosumer.Node, prosumer.Virtual, prosumer.External,
            prosumer.LoadKw.ToArray(), prosumer.PvKw.ToArray(), prosumer.ImportMaxKw.ToArray(), prosumer.ExportMaxKw.ToArray(),
            prosumer.Battery is { } b
                ? new ProsumerBatteryDefinition(b.CapacityKwh, b.SocInitialKwh, b.SocMinKwh, b.ChargeMaxKw, b.DischargeMaxKw, b.ChargeEfficiency, b.DischargeEfficiency, b.EndAtLeastInitial)
                : null,
            prosumer.FlexibleLoads.Select(f => new FlexibleLoadDefinition(f.Id, f.ProfileKw.ToArray(), f.EarliestStartStep, f.LatestEndStep, f.PreferredStartStep, f.DelayCostPerStep)).ToArray());
    }

    public static Prosumer ToEngine(ProsumerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new Prosumer(definition.Id, definition.Kind, definition.Node, definition.Virtual, definition.External,
            definition.LoadKw.ToArray(), definition.PvKw.ToArray(), definition.ImportMaxKw.ToArray(), definition.ExportMaxKw.ToArray(),
            definition.Battery is { } b
                ? new ProsumerBattery(b.CapacityKwh, b.SocInitialKwh, b.SocMinKwh, b.ChargeMaxKw, b.DischargeMaxKw, b.ChargeEfficiency, b.DischargeEfficiency, b.EndAtLeastInitial)
                : null,
            (definition.FlexibleLoads ?? []).Select(f => new FlexibleLoad(f.Id, f.ProfileKw.ToArray(), f.EarliestStartStep, f.LatestEndStep, f.PreferredStartStep, f.DelayCostPerStep)).ToArray());
    }

    public static ProsumerRequestMessage ToWire(ProsumerRequest request, int stepMinutes)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ProsumerRequestMessage(request.ProsumerId, request.Iteration, stepMinutes, request.BuyPerKwh.ToArray(), request.SellPerKwh.ToArray(),
            request.ImportCapKw?.ToArray(), request.ExportCapKw?.ToArray());
    }

    public static ProsumerRequest ToEngine(ProsumerRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ProsumerRequest(request.ProsumerId, request.Iteration, request.BuyPerKwh.ToArray(), request.SellPerKwh.ToArray(),
            request.ImportCapKw?.ToArray(), request.ExportCapKw?.ToArray());
    }

    public static ProsumerScheduleMessage ToWire(ProsumerSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new ProsumerScheduleMessage(schedule.ProsumerId, schedule.Iteration, schedule.ImportKw.ToArray(), schedule.ExportKw.ToArray(), schedule.EnergyCost, schedule.DiscomfortCost);
    }

    public static ProsumerSchedule ToEngine(ProsumerScheduleMessage schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new ProsumerSchedule(schedule.ProsumerId, schedule.Iteration, schedule.ImportKw.ToArray(), schedule.ExportKw.ToArray(), schedule.EnergyCost, schedule.DiscomfortCost);
    }

    public static ProsumerReplyMessage ToWire(ProsumerReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return new ProsumerReplyMessage(reply.ProsumerId, reply.Schedule is { } s ? ToWire(s) : null, reply.Problem);
    }

    public static ProsumerReply ToEngine(ProsumerReplyMessage reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return new ProsumerReply(reply.ProsumerId, reply.Schedule is { } s ? ToEngine(s) : null, reply.Problem);
    }
}
