using Sems.Engine.Market;
using static Sems.Engine.Tests.Market.Prosumers.ProsumerCases;

namespace Sems.Engine.Tests.Market.Prosumers;

/// <summary>The model's variables, named with meaning and unit, its binaries, and the caps folded into the meter's bounds.</summary>
public sealed class ProsumerModelBuilderTests
{
    [Fact]
    public void The_model_has_one_named_variable_per_quantity_and_step_and_binaries_only_for_the_battery_and_the_starts()
    {
        // 3 steps, a battery, a 2-step load with window 0…2 (starts 0 and 1).
        var p = Prosumer("m", Fill(3, 1), pvKw: Fill(3, 2), battery: Battery(4), flexible: [new FlexibleLoad("washer", [1, 1], 0, 2, 0, 0.1)]);
        var model = ProsumerModelBuilder.Build(p, 1, Request("m", Fill(3, 0.3), Fill(3, 0.05), importCapKw: [2, 20, 3]));
        var program = model.Program;
        var names = Enumerable.Range(0, program.VariableCount).Select(program.VariableName).ToHashSet();
        string[] expected =
        [
            "importKw[0]", "importKw[2]", "exportKw[1]", "pvUsedKw[2]", "battery.chargeKw[0]", "battery.dischargeKw[2]",
            "battery.socKwh[0]", "battery.socKwh[3]", "battery.charging[1]", "washer.start[0]", "washer.start[1]",
        ];
        Assert.All(expected, n => Assert.Contains(n, names));
        // 3 × (import, export, PV, charge, discharge, charging) + 4 SoC + 2 starts.
        Assert.Equal(3 * 6 + 4 + 2, program.VariableCount);
        var binaries = Enumerable.Range(0, program.VariableCount).Where(program.IsInteger).Select(program.VariableName).Order().ToList();
        Assert.Equal(["battery.charging[0]", "battery.charging[1]", "battery.charging[2]", "washer.start[0]", "washer.start[1]"], binaries);
        // The import limit is min(connection 10 kW, cap): 2, 10, 3.
        Assert.Equal([2.0, 10.0, 3.0], model.ImportKw.Select(program.Upper));
        // The delay cost is a constant per start: 0 at the preferred start, 0.1 one step later.
        Assert.Equal([0.0, 0.1], model.StartBinary[0].Select(program.ObjectiveCoefficient));

        var relaxed = ProsumerModelBuilder.Build(p, 1, Request("m", Fill(3, 0.3), Fill(3, 0.05)), integer: false);
        Assert.False(relaxed.Program.HasIntegers);
        Assert.Equal(program.VariableCount, relaxed.Program.VariableCount);
        Assert.Contains("General", program.ToLpFormat());
    }
}
