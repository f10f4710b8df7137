using System.Text.Json.Nodes;
using Sems.Engine.Districts;
using Sems.Engine.Model;
using Xunit;

namespace Sems.Engine.Tests.Districts;

public sealed class DistrictReaderBaselineTests
{
    private static District ReadBaseline()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline());
        ReadAssert.Valid(result);
        return result.District!;
    }

    private static Subsystem Heat => ReadBaseline().Subsystems[0];

    private static Subsystem Ev => ReadBaseline().Subsystems[1];

    private static void AssertSeries(IEnumerable<double> expected, Series actual)
    {
        Assert.Equal(DistrictJson.Steps, actual.Count);
        Assert.Equal(expected, actual.ToArray());
    }

    private static void AssertConstant(double expected, Series actual) => AssertSeries(Enumerable.Repeat(expected, DistrictJson.Steps), actual);

    [Fact]
    public void Baseline_reads_without_errors_or_warnings()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline());

        ReadAssert.Valid(result);
        Assert.Empty(result.Warnings);
        Assert.Same(result.District, result.GetDistrictOrThrow());
    }

    [Fact]
    public void Top_level_fields_and_defaults()
    {
        var district = ReadBaseline();

        Assert.Equal("riverside", district.Name);
        Assert.Equal("Riverside district", district.Title);
        Assert.Equal(new DateTimeOffset(2022, 1, 10, 0, 0, 0, TimeSpan.Zero), district.Start);
        Assert.Equal(15, district.StepMinutes);
        Assert.Equal(96, district.HorizonSteps);
        Assert.Equal(0.25, district.StepHours);
        Assert.Equal(["heat-network", "ev-hub"], district.Subsystems.Select(s => s.Id));
        Assert.Equal([2, 1], district.Subsystems.Select(s => s.Priority));
    }

    [Fact]
    public void Explicit_step_and_horizon_replace_the_defaults_and_scalars_expand_to_the_horizon()
    {
        var json = DistrictJson.Baseline()
            .Set("stepMinutes", 60)
            .Set("horizonSteps", 4)
            .Set("factors.cost.electricity", DistrictJson.Array(0.1, 0.2, 0.3, 0.4))
            .Set("subsystems[0].supplies[0].conversions[0].efficiency", 3.2)
            .Set("subsystems[0].disturbances.outdoorTemp", 7)
            .Set("subsystems[1].resources.solar.max", 12)
            .Set("subsystems[1].demands[0].values", DistrictJson.Array(1, 2, 3, 4));

        var result = ReadAssert.Read(json);

        ReadAssert.Valid(result);
        var district = result.District!;
        Assert.Equal(60, district.StepMinutes);
        Assert.Equal(4, district.HorizonSteps);
        Assert.Equal(1.0, district.StepHours);
        Assert.Equal([0.1, 0.2, 0.3, 0.4], district.Factors["cost"]["electricity"].ToArray());
        Assert.Equal([0.04, 0.04, 0.04, 0.04], district.Factors["cost"]["gas"].ToArray());
        Assert.Equal([3.2, 3.2, 3.2, 3.2], district.Subsystems[0].Supplies[0].Conversions[0].Efficiency.ToArray());
        Assert.Equal([7.0, 7.0, 7.0, 7.0], district.Subsystems[0].Disturbances["outdoorTemp"].ToArray());
        Assert.Equal([250.0, 250.0, 250.0, 250.0], district.DistrictLimits["electricity"].ToArray());
        Assert.Equal([1.0, 2.0, 3.0, 4.0], ((SeriesDemand)district.Subsystems[1].Demands[0]).Values.ToArray());
    }

    [Fact]
    public void Start_is_optional()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Without("start"));

        ReadAssert.Valid(result);
        Assert.Null(result.District!.Start);
    }

    [Fact]
    public void Factors_expand_scalars_and_keep_arrays()
    {
        var district = ReadBaseline();

        Assert.Equal(["co2", "cost"], district.Factors.Keys.Order(StringComparer.Ordinal));
        AssertSeries(DistrictJson.ElectricityCost, district.Factors["cost"]["electricity"]);
        AssertConstant(0.04, district.Factors["cost"]["gas"]);
        AssertConstant(0.2, district.Factors["co2"]["electricity"]);
        AssertConstant(0.184, district.Factors["co2"]["gas"]);
        Assert.Equal(DistrictJson.ElectricityCost[40], district.FactorFor("cost", "electricity", 40));
        Assert.Equal(0.0, district.FactorFor("co2", "solar", 40));
    }

    [Fact]
    public void District_limits()
    {
        var district = ReadBaseline();

        Assert.Equal(["electricity"], district.DistrictLimits.Keys);
        AssertConstant(250, district.DistrictLimits["electricity"]);
    }

    [Fact]
    public void Subsystem_resources_default_min_to_zero_and_keep_time_varying_max()
    {
        var heat = Heat;
        var ev = Ev;

        AssertConstant(0, heat.Resources["electricity"].Min);
        AssertConstant(150, heat.Resources["electricity"].Max);
        AssertConstant(0, heat.Resources["gas"].Min);
        AssertConstant(200, heat.Resources["gas"].Max);
        AssertConstant(100, ev.Resources["electricity"].Max);
        AssertSeries(DistrictJson.SolarAvailable, ev.Resources["solar"].Max);
        Assert.Equal(["electricity", "gas"], heat.DrawnResources);
        Assert.Equal(["electricity", "solar"], ev.DrawnResources);
    }

    [Fact]
    public void Heat_pump_keeps_its_time_varying_cop()
    {
        var hp = Heat.Supplies[0];

        Assert.Equal("hp1", hp.Id);
        Assert.True(hp.FeedsStores);
        Assert.Null(hp.Commitment);
        var conversion = Assert.Single(hp.Conversions);
        Assert.Equal("electricity", conversion.Resource);
        Assert.Equal("heat", conversion.EnergyType);
        AssertSeries(DistrictJson.HeatPumpCop, conversion.Efficiency);
        Assert.False(conversion.Efficiency.IsConstant);
        AssertConstant(0, conversion.Min);
        AssertConstant(60, conversion.Max);
    }

    [Fact]
    public void Boiler_with_commitment_and_commitment_defaults()
    {
        var boiler = Heat.Supplies[1];

        Assert.Equal("boiler", boiler.Id);
        Assert.False(boiler.FeedsStores);
        var conversion = Assert.Single(boiler.Conversions);
        Assert.Equal(("gas", "heat"), (conversion.Resource, conversion.EnergyType));
        AssertConstant(0.9, conversion.Efficiency);
        AssertConstant(120, conversion.Max);
        var commitment = Assert.IsType<Commitment>(boiler.Commitment);
        AssertConstant(10, commitment.MinOn);
        Assert.Equal(4, commitment.MinUpSteps);
        Assert.Equal(2, commitment.MinDownSteps);
        Assert.Equal(1.5, commitment.StartCost);
        Assert.False(commitment.InitiallyOn);
        Assert.Equal(Commitment.LongAgo, commitment.InitialSteps);
    }

    [Fact]
    public void Heat_store_carries_its_values_and_terminal_defaults_to_none()
    {
        var tank = Assert.Single(Heat.Stores);

        Assert.Equal("tank", tank.Id);
        Assert.Equal("heat", tank.EnergyType);
        Assert.Equal((0.0, 800.0, 300.0), (tank.SocMin, tank.SocMax, tank.SocInitial));
        Assert.Equal(0.95, tank.ChargeEfficiency);
        Assert.Equal(0.9, tank.DischargeEfficiency);
        Assert.Equal(0.999, tank.Retention);
        AssertConstant(0, tank.ChargeMin);
        AssertConstant(200, tank.ChargeMax);
        AssertConstant(0, tank.DischargeMin);
        AssertConstant(180, tank.DischargeMax);
        AssertConstant(0.001, tank.Penalty);
        Assert.Equal(StoreTerminal.None, tank.Terminal);
        Assert.False(tank.Exclusive);
        Assert.False(tank.IsDelayableDemand);
    }

    [Fact]
    public void Negative_capacity_store_is_delayable_demand_with_efficiency_defaults()
    {
        var ev = Assert.Single(Ev.Stores);

        Assert.Equal("ev-fleet", ev.Id);
        Assert.Equal("electricity", ev.EnergyType);
        Assert.Equal((-120.0, 0.0, 0.0), (ev.SocMin, ev.SocMax, ev.SocInitial));
        Assert.True(ev.IsDelayableDemand);
        Assert.Equal(1.0, ev.ChargeEfficiency);
        Assert.Equal(1.0, ev.DischargeEfficiency);
        Assert.Equal(1.0, ev.Retention);
        AssertConstant(0, ev.ChargeMin);
        AssertConstant(22, ev.ChargeMax);
        AssertConstant(0, ev.DischargeMin);
        AssertConstant(40, ev.DischargeMax);
        AssertConstant(0, ev.Penalty);
        Assert.Equal(StoreTerminal.ReturnToInitial, ev.Terminal);
    }

    [Theory]
    [InlineData("none", StoreTerminal.None)]
    [InlineData("atLeastInitial", StoreTerminal.AtLeastInitial)]
    [InlineData("returnToInitial", StoreTerminal.ReturnToInitial)]
    public void Every_terminal_of_the_contract_is_read(string text, StoreTerminal expected)
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[0].stores[0].terminal", text));

        ReadAssert.Valid(result);
        Assert.Equal(expected, result.District!.Subsystems[0].Stores[0].Terminal);
    }

    [Fact]
    public void Exclusive_store_flag_is_read()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[0].stores[0].exclusive", true));

        ReadAssert.Valid(result);
        Assert.True(result.District!.Subsystems[0].Stores[0].Exclusive);
    }

    [Fact]
    public void State_space_demand_carries_matrices_and_band_sided_defaults_to_both()
    {
        var demand = Assert.IsType<StateSpaceDemand>(Assert.Single(Heat.Demands));

        Assert.Equal("network", demand.Id);
        Assert.Equal(2, demand.StateCount);
        Assert.Equal(1, demand.OutputCount);
        Assert.Equal([[0.9, 0.05], [0.02, 0.95]], demand.A);
        Assert.Equal(["heat"], demand.B.Keys);
        Assert.Equal([0.0004, 0.0], demand.B["heat"]);
        Assert.Equal(["irradiance", "outdoorTemp"], demand.E.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([0.03, 0.0], demand.E["outdoorTemp"]);
        Assert.Equal([0.0, 0.001], demand.E["irradiance"]);
        Assert.Equal([[1.0, 0.0]], demand.C);
        Assert.Equal([65.0, 20.0], demand.X0);
        AssertConstant(60, demand.Band.Lower);
        AssertConstant(75, demand.Band.Upper);
        Assert.Equal(BandSide.Both, demand.Band.Sided);
        Assert.Equal(2.0, demand.SlackWeight);
    }

    [Theory]
    [InlineData("both", BandSide.Both)]
    [InlineData("lower", BandSide.Lower)]
    [InlineData("upper", BandSide.Upper)]
    public void Every_band_side_of_the_contract_is_read(string text, BandSide expected)
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[0].demands[0].band.sided", text));

        ReadAssert.Valid(result);
        Assert.Equal(expected, ((StateSpaceDemand)result.District!.Subsystems[0].Demands[0]).Band.Sided);
    }

    [Fact]
    public void Slack_weight_defaults_to_one()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Without("subsystems[0].demands[0].slackWeight"));

        ReadAssert.Valid(result);
        Assert.Equal(1.0, ((StateSpaceDemand)result.District!.Subsystems[0].Demands[0]).SlackWeight);
    }

    [Fact]
    public void Disturbances_keep_series_and_expand_scalars()
    {
        var heat = Heat;

        AssertSeries(DistrictJson.OutdoorTemp, heat.Disturbances["outdoorTemp"]);
        AssertConstant(120, heat.Disturbances["irradiance"]);
        Assert.Empty(Ev.Disturbances);
    }

    [Fact]
    public void Series_demand_keeps_its_values()
    {
        var demand = Assert.IsType<SeriesDemand>(Assert.Single(Ev.Demands));

        Assert.Equal("building-load", demand.Id);
        Assert.Equal("electricity", demand.EnergyType);
        AssertSeries(DistrictJson.BuildingLoad, demand.Values);
    }

    [Fact]
    public void Ev_hub_supplies()
    {
        var ev = Ev;

        Assert.Equal(["grid", "pv"], ev.Supplies.Select(s => s.Id));
        Assert.All(ev.Supplies, s => Assert.True(s.FeedsStores));
        var pv = ev.Supplies[1].Conversions[0];
        Assert.Equal(("solar", "electricity"), (pv.Resource, pv.EnergyType));
        AssertConstant(0.97, pv.Efficiency);
        AssertConstant(50, pv.Max);
        Assert.Equal(["electricity"], ev.EnergyTypes);
    }

    [Fact]
    public void Weights()
    {
        var heat = Heat.Weights;
        var ev = Ev.Weights;

        Assert.Equal((0.5, 0.1, 0.4), (heat.Energy, heat.Storage, heat.Comfort));
        Assert.Equal(1.0, heat.FactorWeight("cost"));
        Assert.Equal(0.5, heat.FactorWeight("co2"));
        Assert.Equal((1.0, 0.0, 0.0), (ev.Energy, ev.Storage, ev.Comfort));
        Assert.Equal(1.0, ev.FactorWeight("cost"));
        Assert.Equal(0.0, ev.FactorWeight("co2"));
    }

    [Fact]
    public void Weights_summing_to_one_within_tolerance_are_accepted()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline()
            .Set("subsystems[0].weights.energy", 0.2)
            .Set("subsystems[0].weights.storage", 0.1)
            .Set("subsystems[0].weights.comfort", 0.7));

        ReadAssert.Valid(result);
    }

    [Fact]
    public void The_same_asset_id_in_two_subsystems_is_allowed()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[1].supplies[0].id", "hp1"));

        ReadAssert.Valid(result);
        Assert.Equal("hp1", result.District!.Subsystems[1].Supplies[0].Id);
    }

    [Fact]
    public void Json_null_for_an_optional_field_means_its_default()
    {
        var result = ReadAssert.Read(DistrictJson.Baseline().Set("subsystems[0].stores[0].chargeEfficiency", (JsonNode?)null));

        ReadAssert.Valid(result);
        Assert.Equal(1.0, result.District!.Subsystems[0].Stores[0].ChargeEfficiency);
    }
}
