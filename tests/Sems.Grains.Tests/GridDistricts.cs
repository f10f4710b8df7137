using Sems.Contracts.Definitions;
using Sems.Engine.Districts;
using Sems.Grains;

namespace Sems.Grains.Tests;

/// <summary>
/// The worked example on a grid: a substation root (electricity 100 kW) with feeder-a holding the heat network (its
/// heat pump draws 20 kW by plan) and feeder-b holding the EV hub ([50, 90, 90, 50] kW), as the coordinator receives it.
/// </summary>
public static class GridDistricts
{
    public static DistrictDefinition TwoFeeders(double? feederAKw = 15, string hash = "grid-two-feeders")
    {
        var read = DistrictReader.Read(Districts.Example("two-subsystems-limit.json"));
        Assert.True(read.IsValid);
        var flat = DistrictDefinitions.FromDistrict(read.District!, hash);
        var none = new Dictionary<string, double[]>();
        var feederA = feederAKw is { } kw ? new Dictionary<string, double[]> { ["electricity"] = [kw, kw, kw, kw] } : none;
        return flat with
        {
            LimitsKw = none,
            Grid =
            [
                new GridNodeDefinition("substation", null, new Dictionary<string, double[]> { ["electricity"] = [100, 100, 100, 100] }, none),
                new GridNodeDefinition("feeder-a", "substation", feederA, none),
                new GridNodeDefinition("feeder-b", "substation", none, none),
            ],
            Subsystems = [flat.Subsystems[0] with { Node = "feeder-a" }, flat.Subsystems[1] with { Node = "feeder-b" }],
        };
    }
}
