using Sems.Engine.Market;

namespace Sems.Engine.Tests.Market.Reading;

/// <summary>
/// examples/market/two-prosumers.json reads as the contract's worked example says, and its fixed schedules settle to
/// the amounts computed by hand in the worked example (in cents).
/// </summary>
public sealed class TwoProsumersExampleTests
{
    private static Community Read() => CommunityReadAssert.Valid(CommunityReader.ReadFile(ExampleCommunities.Path("two-prosumers.json")));

    [Fact]
    public void It_reads_as_the_worked_example_describes()
    {
        var community = Read();

        Assert.Equal(("two-prosumers", "EUR", 60, 4), (community.Name, community.Currency, community.StepMinutes, community.Steps));
        Assert.Equal([0.30, 0.30, 0.30, 0.30], community.RetailPerKwh);
        Assert.Equal([0.10, 0.10, 0.10, 0.10], community.FeedInPerKwh);
        Assert.Equal(["sunny", "demand"], community.Prosumers.Select(p => p.Id));
        Assert.Equal([0.0, 3, 9, 4], community.Prosumers[0].PvKw);
        Assert.Equal([1.0, 1, 1, 1], community.Prosumers[0].LoadKw);
        Assert.Equal([4.0, 4, 4, 4], community.Prosumers[1].LoadKw);
        Assert.All(community.Prosumers, p => Assert.Null(p.Battery));
        Assert.All(community.Prosumers, p => Assert.Empty(p.FlexibleLoads));
    }

    [Fact]
    public void Its_fixed_schedules_settle_to_the_hand_computed_amounts()
    {
        var community = Read();
        int[] sunnyCents = [-30, 30, 80, 36], demandCents = [-120, -90, -40, -66], gridNetCents = [150, 60, -40, 30];
        double[] peerKwh = [0, 2, 4, 3];

        for (var t = 0; t < community.Steps; t++)
        {
            var positions = community.Prosumers.Select(p => new ProsumerPosition(p.Id, (p.PvKw[t] - p.LoadKw[t]) * community.StepHours)).ToList();
            var settlement = SdrSettler.Settle(positions, community.RetailPerKwh[t], community.FeedInPerKwh[t]);

            Assert.Equal(sunnyCents[t], settlement.Prosumers[0].AmountCents);
            Assert.Equal(demandCents[t], settlement.Prosumers[1].AmountCents);
            Assert.Equal(gridNetCents[t], settlement.GridPaidCents - settlement.GridPaysCents);
            Assert.Equal(peerKwh[t], settlement.PeerTradedKwh, 12);
        }
    }
}
