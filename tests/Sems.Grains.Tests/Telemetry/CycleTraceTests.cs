using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Sems.Contracts;
using Sems.Grains.Telemetry;

namespace Sems.Grains.Tests.Telemetry;

/// <summary>Spans of a coordination cycle across grain calls, in a silo with Orleans' activity propagation on.</summary>
public sealed class CycleTraceTests(TracingCluster fixture) : IClassFixture<TracingCluster>
{
    [Fact]
    public async Task The_cycle_span_is_an_ancestor_of_every_solve_through_the_plan_and_re_solve_calls()
    {
        const string district = "otel-trace";
        using var activities = new ActivityCapture();
        var coordinator = fixture.Grains.GetGrain<IDistrictCoordinatorGrain>(district);
        Assert.Empty(await coordinator.Configure(Unreachable.District(), ClusterFixture.Epoch));
        var report = await coordinator.RunCycle();

        var ours = activities.Stopped.Where(a => a.Source.Name == SemsInstrumentation.Name && (string?)a.GetTagItem("sems.district") == district).ToList();
        var cycle = Assert.Single(ours, a => a.OperationName == SemsInstrumentation.CycleActivity);
        Assert.Equal(0, cycle.GetTagItem("sems.cycle"));

        // Two plans and the two re-solves of the unreachable limit.
        var solves = ours.Where(a => a.OperationName == SemsInstrumentation.SolveActivity).ToList();
        Assert.Equal(report.Resolves + report.Subsystems.Length, solves.Count);
        Assert.Equal(6, solves.Count); // 2 plans, the heat network's re-solve, the EV hub's on 4, 2 and 1 capped steps
        Assert.Equal(2, ours.Count(a => a.OperationName == "sems.plan"));
        Assert.Equal(report.Resolves, ours.Count(a => a.OperationName == "sems.resolve"));

        var bySpan = ours.ToDictionary(a => a.SpanId);
        foreach (var solve in solves)
        {
            Assert.Equal(cycle.TraceId, solve.TraceId);
            var chain = activities.Ancestors(solve);
            Assert.Contains(cycle.SpanId, chain);
            // The solve's parent is its subsystem's plan or re-solve call, of its kind, inside the grain.
            var call = bySpan[solve.ParentSpanId];
            Assert.Equal($"sems.{solve.GetTagItem("sems.kind")}", call.OperationName);
            Assert.Equal(call.GetTagItem("sems.subsystem"), solve.GetTagItem("sems.subsystem"));
            // Between the call and the cycle lie Orleans' spans of the grain call (client and server side).
            Assert.Contains(activities.Stopped, a => a.SpanId == call.ParentSpanId && a.Source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal));
        }

        Assert.Equal(Unreachable.ViolationAfterKwh, (double)cycle.GetTagItem("sems.cycle.violation_after_kwh")!, 9);
    }

    [Fact]
    public void The_registered_instrumentation_creates_its_meter_through_the_host_meter_factory()
    {
        var services = fixture.Cluster.GetSiloServiceProvider();
        var instrumentation = services.GetRequiredService<SemsInstrumentation>();
        Assert.NotSame(SemsInstrumentation.Shared, instrumentation);
        Assert.Same(services.GetRequiredService<IMeterFactory>(), instrumentation.Meter.Scope);
        Assert.Equal(("Sems", "Sems"), (instrumentation.Meter.Name, instrumentation.ActivitySource.Name));
        Assert.False(string.IsNullOrEmpty(instrumentation.Meter.Version));
    }
}
