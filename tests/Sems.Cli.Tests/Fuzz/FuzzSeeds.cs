using System.Globalization;
using System.Text;

namespace Sems.Cli.Tests.Fuzz;

/// <summary>The valid inputs the fuzzer mutates: the example district files, tiny scenarios and small CSV series.</summary>
public static class FuzzSeeds
{
    public static readonly string[] DistrictExamples =
    [
        "two-subsystems-limit.json", ExampleFile.HeatNetwork, ExampleFile.EvPvHub, ExampleFile.InfeasibleBoiler, ExampleFile.BoilerCommitment,
    ];

    /// <summary>Scenarios of 0.25 days (24 steps of 15 min) with short horizons, so a valid one simulates in about a second.</summary>
    public static readonly string[] Scenarios =
    [
        """
        { "name": "fz-heat", "start": "2022-11-01T00:00:00Z", "days": 0.25, "stepMinutes": 15, "horizonSteps": 8, "seed": 3,
          "heatNetwork": { "energyWeight": 0.5, "costWeight": 1, "co2Weight": 0, "bandSlackWeight": 10 }, "evPv": null, "coordinate": false }
        """,
        """
        { "name": "fz-ev", "days": 0.25, "horizonSteps": 8, "heatNetwork": null,
          "evPv": { "delay": true, "vehicles": 10, "energyPerVehicleKwhPerDay": 5 }, "districtLimitKw": 70 }
        """,
        """
        { "name": "fz_all", "start": "2022-03-01T00:00:00Z", "days": 0.25, "stepMinutes": 30, "horizonSteps": 6, "seed": 7,
          "heatNetwork": { "energyWeight": 0.25, "costWeight": 2, "co2Weight": 0.5, "bandSlackWeight": 20 },
          "evPv": { "delay": false, "vehicles": 12, "energyPerVehicleKwhPerDay": 2.5 },
          "districtLimitKw": 90, "coordinate": true, "forecasts": "noisy-truth", "forecastHistoryDays": 30,
          "noise": { "heatLoadForecast": 0, "evDemandForecast": 0.2, "pvForecast": 0.3, "carbonForecast": 0.4, "temperatureMeasurementC": 0.5, "storeMeasurementKwh": 2 } }
        """,
    ];

    /// <summary>
    /// "time,temp,heat,ground" for 22 days (the least forecast-eval accepts with one test day) at <paramref name="stepMinutes"/>:
    /// temp[i+1] = 0.95·temp[i] + 0.002·heat[i] + 0.05·ground, ground = 10, heat seeded uniform on 0–600 kW.
    /// </summary>
    public static string Csv(int stepMinutes, bool spaceSeparatedTimes)
    {
        var random = new Random(5);
        var text = new StringBuilder("time,temp,heat,ground\n");
        var x = 60.0;
        var start = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var format = spaceSeparatedTimes ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-ddTHH:mm:ssZ";
        for (var i = 0; i < 22 * 24 * 60 / stepMinutes; i++)
        {
            var heat = 600 * random.NextDouble();
            text.Append(CultureInfo.InvariantCulture, $"{start.AddMinutes(i * stepMinutes).ToString(format, CultureInfo.InvariantCulture)},{x:R},{heat:R},10\n");
            x = 0.95 * x + 0.002 * heat + 0.05 * 10;
        }

        return text.ToString();
    }
}
