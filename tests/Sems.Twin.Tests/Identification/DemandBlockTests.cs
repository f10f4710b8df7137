using System.Text.Json.Nodes;
using Sems.Engine.Districts;
using Sems.Engine.Identification;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Twin.Tests.Identification;

public sealed class DemandBlockTests
{
    private const int Steps = 8;

    /// <summary>A model with awkward doubles (no short decimal form) to exercise round-trip precision.</summary>
    private static readonly IdentifiedModel Model = new(
        A: 0.99702677 + 1.0 / 3.0 * 1e-9,
        B: new Dictionary<string, double> { ["heat"] = 0.0059464717868011555 },
        E: new Dictionary<string, double> { ["heatLoad"] = -0.005946472230376778, ["groundTemp"] = Math.PI * 1e-3 },
        Lambda: 1e-6,
        StepMinutes: 15,
        TrainingSteps: 1613,
        ValidationSteps: 403,
        ParameterCount: 4,
        NmbePercent: 0.08,
        CvRmsePercent: 0.09,
        FreeRunRmse: 0.06,
        OneStepRmse: 0.03,
        LambdaScores: []);

    [Fact]
    public void Block_has_exactly_the_contracts_fields_and_shapes()
    {
        var block = DemandBlock.ToJson(Model, "network", 66.0, 60.0, 75.0, "both", 1.0);
        Assert.Equal(["id", "kind", "A", "B", "E", "C", "x0", "band", "slackWeight"], block.Select(p => p.Key));
        Assert.Equal("stateSpace", (string?)block["kind"]);
        Assert.Equal(Model.A, (double)block["A"]![0]![0]!);
        Assert.Equal(["heat"], block["B"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["heatLoad", "groundTemp"], block["E"]!.AsObject().Select(p => p.Key));
        Assert.Equal(1.0, (double)block["C"]![0]![0]!);
        Assert.Equal(66.0, (double)block["x0"]![0]!);
        Assert.Equal(["lower", "upper", "sided"], block["band"]!.AsObject().Select(p => p.Key));
        Assert.Equal("both", (string?)block["band"]!["sided"]);
    }

    [Fact]
    public void Text_round_trips_every_double_exactly()
    {
        var text = DemandBlock.ToJson(Model, "network", 65.123456789012345, 60.0, 75.0, "lower", 0.4).ToJsonString();
        var parsed = JsonNode.Parse(text)!;
        Assert.Equal(Model.A, parsed["A"]![0]![0]!.GetValue<double>());
        Assert.Equal(Model.B["heat"], parsed["B"]!["heat"]![0]![0]!.GetValue<double>());
        Assert.Equal(Model.E["groundTemp"], parsed["E"]!["groundTemp"]![0]![0]!.GetValue<double>());
        Assert.Equal(65.123456789012345, parsed["x0"]![0]!.GetValue<double>());
    }

    [Fact]
    public void Identified_demand_reads_through_the_district_reader_with_no_errors_and_solves()
    {
        var block = DemandBlock.ToJson(Model, "network", 66.0, 60.0, 75.0, "both", 1.0);
        var loadKw = Enumerable.Range(0, Steps).Select(i => (JsonNode?)JsonValue.Create(250.0 + 10.0 * i)).ToArray();
        var district = new JsonObject
        {
            ["name"] = "identified-heat-network",
            ["stepMinutes"] = Model.StepMinutes,
            ["horizonSteps"] = Steps,
            ["factors"] = new JsonObject { ["cost"] = new JsonObject { ["gas"] = 0.103 } },
            ["subsystems"] = new JsonArray(new JsonObject
            {
                ["id"] = "greenwich-heat",
                ["priority"] = 1,
                ["supplies"] = new JsonArray(new JsonObject
                {
                    ["id"] = "gas-boiler",
                    ["conversions"] = new JsonArray(new JsonObject
                    {
                        ["resource"] = "gas",
                        ["energyType"] = "heat",
                        ["efficiency"] = 0.88,
                        ["min"] = 0,
                        ["max"] = 650,
                    }),
                }),
                ["stores"] = new JsonArray(),
                ["demands"] = new JsonArray(block),
                ["disturbances"] = new JsonObject { ["heatLoad"] = new JsonArray(loadKw), ["groundTemp"] = 10.0 },
                ["weights"] = new JsonObject
                {
                    ["energy"] = 0.6,
                    ["storage"] = 0.0,
                    ["comfort"] = 0.4,
                    ["factors"] = new JsonObject { ["cost"] = 1.0 },
                },
            }),
        };

        var read = DistrictReader.Read(district.ToJsonString());
        Assert.Empty(read.Errors);
        Assert.Empty(read.Warnings);
        Assert.True(read.IsValid);
        var demand = Assert.IsType<StateSpaceDemand>(Assert.Single(read.District!.Subsystems[0].Demands));
        Assert.Equal("network", demand.Id);
        Assert.Equal(Model.A, demand.A[0][0]);
        Assert.Equal(Model.B["heat"], demand.B["heat"][0]);
        Assert.Equal(Model.E["heatLoad"], demand.E["heatLoad"][0]);
        Assert.Equal(Model.E["groundTemp"], demand.E["groundTemp"][0]);
        Assert.Equal(1.0, demand.C[0][0]);
        Assert.Equal([66.0], demand.X0);
        Assert.Equal(BandSide.Both, demand.Band.Sided);
        Assert.Equal(1.0, demand.SlackWeight);

        // The MPC accepts the model: y[1] is the model's own prediction from the planned boiler heat.
        var result = SubsystemSolver.Solve(read.District, read.District.Subsystems[0]);
        Assert.True(result.HasPlan, result.Message);
        var y = Assert.Single(result.Demands).Outputs[0];
        var heatKw = 0.88 * result.DrawKw["gas"][0];
        var next = Model.NextState(66.0, new Dictionary<string, double> { ["heat"] = heatKw }, new Dictionary<string, double> { ["heatLoad"] = 250.0, ["groundTemp"] = 10.0 });
        Assert.Equal(next, y[1], 6);
    }

    [Theory]
    [InlineData("sided", "middle")]
    [InlineData("id", " ")]
    public void Bad_text_arguments_are_named(string parameter, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => parameter == "sided"
            ? DemandBlock.ToJson(Model, "network", 66, 60, 75, value, 1)
            : DemandBlock.ToJson(Model, value, 66, 60, 75, "both", 1));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(value, e.Message);
    }

    [Fact]
    public void Bad_numbers_are_named()
    {
        var band = Assert.Throws<ArgumentException>(() => DemandBlock.ToJson(Model, "network", 66, 75, 60, "both", 1));
        Assert.Equal("bandLower", band.ParamName);
        Assert.Contains("75", band.Message);
        var nan = Assert.Throws<ArgumentException>(() => DemandBlock.ToJson(Model, "network", double.NaN, 60, 75, "both", 1));
        Assert.Equal("x0", nan.ParamName);
        Assert.Contains("NaN", nan.Message);
        var weight = Assert.Throws<ArgumentException>(() => DemandBlock.ToJson(Model, "network", 66, 60, 75, "both", -0.5));
        Assert.Equal("slackWeight", weight.ParamName);
        Assert.Contains("-0.5", weight.Message);
    }
}
