using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Sems.Api.V1;
using Sems.Contracts;
using Sems.Grains;

namespace Sems.Gateway.Tests.Grpc;

/// <summary>
/// What the contract tests share on top of <see cref="GatewayFixture"/>: the worked example loaded under a fresh name
/// from the fake clock's current step (so a test that moves the clock never disturbs the next one), the generated
/// clients on a channel with a token, a cycle run through the coordinator grain, and the google.rpc details of a refusal.
/// </summary>
/// <remarks>
/// The worked example (examples/two-subsystems-limit.json): 4 steps of 15 min, a 100 kW electricity limit; the heat
/// network (priority 1) draws 20 kW through its heat pump (60 kW of heat at COP 3, cheaper than gas: 0.15/3 = 0.05 against
/// 0.06/0.9 ≈ 0.067 GBP per kWh of heat), the EV hub (priority 2) [50, 90, 90, 50] kW: Ptot before coordination
/// [70, 110, 110, 70] kW.
/// </remarks>
internal sealed class Contract(GatewayFixture fixture)
{
    public const int StepMinutes = 15;

    /// <summary>The EV hub's fixed draw per step of the first cycle, kW.</summary>
    public static readonly double[] EvHubKw = [50, 90, 90, 50];

    /// <summary>The start of the fake clock's current step: where a district loaded now starts its cycle 0.</summary>
    public DateTimeOffset StepStart
    {
        get
        {
            var now = fixture.Clock.GetUtcNow();
            var step = TimeSpan.FromMinutes(StepMinutes).Ticks;
            return new DateTimeOffset(now.UtcTicks - now.UtcTicks % step, TimeSpan.Zero);
        }
    }

    /// <summary>The worked example's file with <paramref name="name"/> as its name (and without its own start).</summary>
    public static string WorkedExampleJson(string name, Action<JsonObject>? change = null)
    {
        var file = JsonNode.Parse(GatewayFixture.Example("two-subsystems-limit.json"))!.AsObject();
        file["name"] = name;
        file.Remove("start");
        change?.Invoke(file);
        return file.ToJsonString();
    }

    /// <summary>Configures the worked example through the grains (as serve does) from the current step; returns its name.</summary>
    public async Task<string> WorkedExample(string name)
    {
        var problems = await fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(name).Configure(WorkedExampleJson(name), StepStart);
        Assert.Empty(problems);
        return name;
    }

    /// <summary>Runs the district's current cycle through its coordinator grain.</summary>
    public Task<CoordinationCycleReport> Cycle(string district) => fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(district).RunCycle();

    /// <summary>Moves the fake clock on by <paramref name="steps"/> steps of 15 min.</summary>
    public void Advance(int steps) => fixture.Clock.Advance(TimeSpan.FromMinutes(steps * StepMinutes));

    /// <summary>A token with every scope for the districts given (all when none).</summary>
    public string Token(params string[] districts) => fixture.Token("dso-contract", districts: districts.Length > 0 ? districts : null);

    public GridConstraints.GridConstraintsClient Grid(string? token) => new(fixture.Channel(token));

    public Sems.Api.V1.Telemetry.TelemetryClient Telemetry(string? token) => new(fixture.Channel(token));

    public Districts.DistrictsClient Districts(string? token) => new(fixture.Channel(token));

    /// <summary>A limit request for the root node's electricity, <paramref name="minutes"/>-minute intervals, a new request id.</summary>
    public static SetLimitRequest Limit(string district, DateTimeOffset start, int minutes, params double[] importMaxKw)
    {
        var request = new SetLimitRequest
        {
            District = district,
            Resource = "electricity",
            Start = Timestamp.FromDateTimeOffset(start),
            Resolution = Duration.FromTimeSpan(TimeSpan.FromMinutes(minutes)),
            Reason = "feeder maintenance",
            RequestId = Guid.NewGuid().ToString(),
        };
        request.ImportMaxKw.Add(importMaxKw);
        return request;
    }

    /// <summary>The refusal of <paramref name="call"/>; fails when it succeeds.</summary>
    public static Task<RpcException> Refused(Func<Task> call) => Assert.ThrowsAsync<RpcException>(call);

    /// <summary>The google.rpc.Status of a refusal (its code must equal the gRPC status code) and its BadRequest detail.</summary>
    public static BadRequest BadRequestOf(RpcException e, StatusCode expected)
    {
        Assert.Equal(expected, e.StatusCode);
        var status = e.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)expected, status.Code);
        var bad = status.GetDetail<BadRequest>();
        Assert.NotNull(bad);
        return bad;
    }

    /// <summary>The field paths of a refusal's BadRequest, in the order given.</summary>
    public static string[] Fields(RpcException e, StatusCode expected) => [.. BadRequestOf(e, expected).FieldViolations.Select(v => v.Field)];

    public static double[] Rounded(IEnumerable<double> values) => [.. values.Select(v => Math.Round(v, 6))];
}
