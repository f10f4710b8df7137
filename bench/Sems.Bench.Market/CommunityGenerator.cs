using System.Globalization;
using Sems.Engine.Market;
using Sems.Engine.Model;

namespace Sems.Bench.Market;

/// <summary>
/// Draws a community of N prosumers from the real profiles (<see cref="MarketData"/>) with a seed: the same seed and
/// size give the same community. Each prosumer is a dwelling (85 %) or a tertiary building (15 %):
/// <list type="bullet">
/// <item>a dwelling takes a random Fontana home's measured load on a random one of its five weekdays, scaled by
/// U(0.7, 1.3); 70 % have PV of U{3, 3.5, …, 6} kW shaped by that home's measured PV per kW of the same day; 35 % a
/// virtual battery (5, 6.4, 10 or 13.5 kWh; 3 or 5 kW); a dishwasher (50 %), a washing machine (30 %) and an EV charge
/// (25 %), each with a random preferred start in the evening and a delay cost of U(0.01, 0.05) GBP per hour;
/// 15 kW import (22 kW with an EV) and 5 kW export;</item>
/// <item>a building takes a random Cambridge building's measured load on a random weekday, scaled to a mean drawn
/// log-uniformly from 10 to 150 kW; virtual PV of U(0.5, 2) × that mean in kWp, shaped by the Bath yield of
/// <see cref="MarketData.PvDay"/>; 30 % a virtual battery of U(1, 3) hours of the mean load at half its capacity in kW;
/// import 1.5 × its peak, export its PV size.</item>
/// </list>
/// The tariff is the Agile price of <see cref="MarketData.Day"/> and a flat 0.05 GBP/kWh feed-in; the grid is one root
/// without limits; the market options are <see cref="MarketSettings.Default"/>. At 15-minute steps every hourly value
/// is held for its four quarter-hours, and the flexible loads' profiles, windows and delay costs follow.
/// </summary>
public static class CommunityGenerator
{
    /// <summary>The flat feed-in price, GBP/kWh (as in examples/market/bilbao-ped.json).</summary>
    public const double FeedInPerKwh = 0.05;

    private static readonly (double CapacityKwh, double PowerKw)[] HomeBatteries = [(5, 3), (6.4, 5), (10, 5), (13.5, 5)];

    /// <summary>A community of <paramref name="prosumers"/> members with steps of <paramref name="stepMinutes"/> (60 or 15) over one day.</summary>
    public static Community Generate(MarketData data, int prosumers, int seed, int stepMinutes = 60)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(prosumers, 1);
        if (stepMinutes is not (60 or 15)) throw new ArgumentOutOfRangeException(nameof(stepMinutes), stepMinutes, "stepMinutes must be 60 or 15");
        var perHour = 60 / stepMinutes;
        var random = new Random(seed);
        var buildingIds = data.BuildingLoadKw.Keys.Order(StringComparer.Ordinal).ToArray();
        var homes = data.HomeLoadKw.Keys.Order().ToArray();
        var width = prosumers.ToString(CultureInfo.InvariantCulture).Length;
        var members = new List<Prosumer>(prosumers);
        for (var k = 0; k < prosumers; k++)
        {
            var id = "p" + (k + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            members.Add(random.NextDouble() < 0.15
                ? Building(id, data, buildingIds, random, perHour)
                : Dwelling(id, data, homes, random, perHour));
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"bench-{prosumers}-seed{seed}");
        return new Community(name, $"{prosumers} prosumers drawn from real profiles (seed {seed})", "GBP",
            new DateTimeOffset(2022, 6, 21, 0, 0, 0, TimeSpan.Zero), stepMinutes, 24 * perHour,
            Hold(data.RetailPerKwh, perHour), Enumerable.Repeat(FeedInPerKwh, 24 * perHour).ToArray(), members,
            GridTopology.Single(name, new Dictionary<string, Series>(StringComparer.Ordinal)), MarketSettings.Default);
    }

    private static Prosumer Dwelling(string id, MarketData data, int[] homes, Random random, int perHour)
    {
        var home = homes[random.Next(homes.Length)];
        var day = random.Next(data.HomeLoadKw[home].Length);
        var scale = 0.7 + 0.6 * random.NextDouble();
        var load = data.HomeLoadKw[home][day].Select(v => Round(v * scale)).ToArray();
        var pvKw = random.NextDouble() < 0.7 ? 3 + 0.5 * random.Next(7) : 0;
        var pv = data.HomePvPerKw[home][day].Select(v => Round(Math.Max(0, v * pvKw))).ToArray();
        ProsumerBattery? battery = null;
        if (random.NextDouble() < 0.35)
        {
            var (capacity, power) = HomeBatteries[random.Next(HomeBatteries.Length)];
            battery = new ProsumerBattery(capacity, capacity / 2, 0, power, power, 0.95, 0.95, EndAtLeastInitial: true);
        }

        var loads = new List<FlexibleLoad>();
        if (random.NextDouble() < 0.5) loads.Add(Flexible("dishwasher", [1.2, 0.6], 8, 23, 18 + random.Next(4), random, perHour));
        if (random.NextDouble() < 0.3) loads.Add(Flexible("washing-machine", [2.0, 0.5], 7, 22, 17 + random.Next(4), random, perHour));
        var ev = random.NextDouble() < 0.25;
        if (ev) loads.Add(Flexible("ev", [7.0, 7.0, 3.0], 9, 21, 17 + random.Next(3), random, perHour));
        return new Prosumer(id, "dwelling", null, Virtual: battery is not null, External: false, Hold(load, perHour), Hold(pv, perHour),
            Constant(ev ? 22 : 15, perHour), Constant(5, perHour), battery, loads);
    }

    private static Prosumer Building(string id, MarketData data, string[] buildingIds, Random random, int perHour)
    {
        var building = data.BuildingLoadKw[buildingIds[random.Next(buildingIds.Length)]];
        var day = random.Next(building.Length);
        var meanKw = Math.Exp(Math.Log(10) + (Math.Log(150) - Math.Log(10)) * random.NextDouble());
        var scale = meanKw / building.SelectMany(d => d).Average();
        var load = building[day].Select(v => Round(v * scale)).ToArray();
        var kwp = Math.Round(meanKw * (0.5 + 1.5 * random.NextDouble()));
        var pv = data.PvPerKwp.Select(v => Round(Math.Max(0, v * kwp))).ToArray();
        ProsumerBattery? battery = null;
        if (random.NextDouble() < 0.3)
        {
            var capacity = Math.Round(meanKw * (1 + 2 * random.NextDouble()));
            battery = new ProsumerBattery(capacity, capacity / 2, 0.1 * capacity, capacity / 2, capacity / 2, 0.95, 0.95, EndAtLeastInitial: true);
        }

        var importMax = Math.Ceiling(1.5 * load.Max());
        return new Prosumer(id, "tertiary", null, Virtual: true, External: false, Hold(load, perHour), Hold(pv, perHour),
            Constant(importMax, perHour), Constant(kwp, perHour), battery, []);
    }

    /// <summary>An hourly appliance run at steps of 60/<paramref name="perHour"/> minutes: each hour's power held, the window and the cost per step scaled.</summary>
    private static FlexibleLoad Flexible(string id, double[] hourlyKw, int earliestHour, int latestEndHour, int preferredHour, Random random, int perHour)
    {
        var delayCostPerHour = Math.Round(0.01 + 0.04 * random.NextDouble(), 4);
        return new FlexibleLoad(id, Hold(hourlyKw, perHour), earliestHour * perHour, latestEndHour * perHour + perHour - 1, preferredHour * perHour,
            Math.Round(delayCostPerHour / perHour, 6));
    }

    private static double[] Hold(IReadOnlyList<double> hourly, int perHour) =>
        perHour == 1 ? [.. hourly] : hourly.SelectMany(v => Enumerable.Repeat(v, perHour)).ToArray();

    private static double[] Constant(double value, int perHour) => Enumerable.Repeat(value, 24 * perHour).ToArray();

    private static double Round(double value) => Math.Round(value, 3);
}
