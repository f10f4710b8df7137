using System.Diagnostics;
using System.Globalization;
using Sems.Contracts;

namespace Sems.Grains;

/// <summary>
/// One node of a district's coordination hierarchy (key "district/node"): plans and commits its own subsystems with at
/// most <see cref="NodePlanCall.MaxCallsInFlight"/> calls outstanding, its child nodes in parallel, and sums its
/// subtree's net draw (import − export) on the way up. Stateless: the layout comes with every call, so a new definition version needs no
/// preparation here. CPU-bound solves stay in the subsystem grains, on their silo's bounded solver pool.
/// </summary>
public sealed class NodeCoordinatorGrain : Grain, INodeCoordinatorGrain
{
    public async Task<NodePlanBatch> Plan(NodeLayout layout, NodePlanCall call)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(call);
        var until = Stopwatch.GetTimestamp() + (long)(call.Deadline.TotalSeconds * Stopwatch.Frequency);
        var district = District();
        var children = layout.Children.Select(c => Child(district, c).Plan(c, call with { Deadline = Left(until) })).ToArray();
        using var slots = new SemaphoreSlim(Math.Max(1, call.MaxCallsInFlight));
        var own = await Task.WhenAll(layout.Subsystems.Select(async id =>
        {
            await slots.WaitAsync();
            try
            {
                return await PlanOne(district, id, call, Left(until));
            }
            finally
            {
                slots.Release();
            }
        }));

        var plans = new List<SubsystemPlanDigest>(own);
        var nodes = new List<NodeDraw>();
        var sum = Zero(call);
        Add(sum, own);
        for (var c = 0; c < children.Length; c++)
        {
            NodePlanBatch batch;
            try
            {
                batch = await children[c];
            }
            catch (Exception e)
            {
                // A child that failed as a whole: each of its subsystems has no answer, for the same reason.
                var reason = $"{e.GetType().Name}: {e.Message}";
                batch = new NodePlanBatch(layout.Children[c].AllSubsystems().Select(id => Failed(id, call, "failed", $"node {layout.Children[c].Key}: {reason}")).ToArray(), []);
            }

            plans.AddRange(batch.Plans);
            nodes.AddRange(batch.Nodes);
            if (batch.Nodes.FirstOrDefault(n => n.Key == layout.Children[c].Key) is { } child) Add(sum, child.DrawKw);
            else Add(sum, batch.Plans);
        }

        nodes.Add(new NodeDraw(layout.Key, sum));
        return new NodePlanBatch(plans.ToArray(), nodes.ToArray());
    }

    public async Task<int> Commit(NodeLayout layout, NodePlanCall call)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(call);
        var until = Stopwatch.GetTimestamp() + (long)(call.Deadline.TotalSeconds * Stopwatch.Frequency);
        var district = District();
        var children = layout.Children.Select(c => Child(district, c).Commit(c, call with { Deadline = Left(until) })).ToArray();
        using var slots = new SemaphoreSlim(Math.Max(1, call.MaxCallsInFlight));
        var own = await Task.WhenAll(layout.Subsystems.Select(async id =>
        {
            await slots.WaitAsync();
            try
            {
                return await GrainFactory.GetGrain<ISubsystemGrain>($"{district}/{id}").CommitFirstStep(call.Cycle).WaitAsync(Left(until), TimeProvider.System);
            }
            catch (Exception)
            {
                return 0; // it keeps its last set-points; the coordinator's report names its plan's failure, if any
            }
            finally
            {
                slots.Release();
            }
        }));

        var committed = own.Sum();
        foreach (var child in children)
        {
            try
            {
                committed += await child;
            }
            catch (Exception)
            {
                // As for a subsystem: the child's subtree keeps its last set-points.
            }
        }

        return committed;
    }

    private async Task<SubsystemPlanDigest> PlanOne(string district, string id, NodePlanCall call, TimeSpan deadline)
    {
        try
        {
            var plan = await GrainFactory.GetGrain<ISubsystemGrain>($"{district}/{id}").Plan(call.Cycle, call.Version).WaitAsync(deadline, TimeProvider.System);
            return Digest(plan, call.Resources);
        }
        catch (TimeoutException)
        {
            return Failed(id, call, "timedOut", string.Create(CultureInfo.InvariantCulture, $"no answer within its deadline of {deadline.TotalSeconds:0.###} s"));
        }
        catch (Exception e)
        {
            return Failed(id, call, "failed", $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>A plan as arrays in the call's resource order.</summary>
    public static SubsystemPlanDigest Digest(SubsystemPlan plan, IReadOnlyList<string> resources)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(resources);
        double[]?[] Of(IReadOnlyDictionary<string, double[]> series) => resources.Select(r => series.GetValueOrDefault(r)).ToArray();
        return new SubsystemPlanDigest(plan.SubsystemId, null, null, plan.Status, plan.Accepted, plan.HasPlan, plan.Objective, plan.Note,
            Of(plan.DrawKw), Of(plan.MinKw), Of(plan.MaxKw), plan.Priority, plan.Cycle, plan.Start, plan.Version)
        {
            ExportKw = plan.ExportKw.Count == 0 ? [] : Of(plan.ExportKw),
            ExportMinKw = plan.ExportMinKw.Count == 0 ? [] : Of(plan.ExportMinKw),
            ExportMaxKw = plan.ExportMaxKw.Count == 0 ? [] : Of(plan.ExportMaxKw),
            UncertaintyKw = plan.UncertaintyKw.Count == 0 ? [] : Of(plan.UncertaintyKw),
        };
    }

    /// <summary>The plan a digest stands for (draws, bounds and status; no set-points or terms, which stay in the subsystem grain).</summary>
    public static SubsystemPlan ToPlan(SubsystemPlanDigest digest, IReadOnlyList<string> resources)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(resources);
        IReadOnlyDictionary<string, double[]> Of(double[]?[] series)
        {
            var map = new Dictionary<string, double[]>(StringComparer.Ordinal);
            for (var r = 0; r < resources.Count && r < series.Length; r++) if (series[r] is { } values) map[resources[r]] = values;
            return map;
        }

        return new SubsystemPlan(digest.Id, digest.Priority, digest.Cycle, digest.Start, digest.Status, digest.Accepted, digest.HasPlan, digest.Objective,
            null, Of(digest.DrawKw), Of(digest.MinKw), digest.Note, 0, new Dictionary<string, IReadOnlyDictionary<string, double>>(), "", Of(digest.MaxKw), digest.Version)
        {
            ExportKw = Of(digest.ExportKw),
            ExportMinKw = Of(digest.ExportMinKw),
            ExportMaxKw = Of(digest.ExportMaxKw),
            UncertaintyKw = Of(digest.UncertaintyKw),
        };
    }

    private static SubsystemPlanDigest Failed(string id, NodePlanCall call, string failure, string reason) =>
        new(id, failure, reason, failure, false, false, double.NaN, null, [], [], [], 0, call.Cycle, default, call.Version);

    private static double[][] Zero(NodePlanCall call) => call.Resources.Select(_ => Array.Empty<double>()).ToArray();

    /// <summary>Adds each answered plan's net draw, import − export.</summary>
    private static void Add(double[][] sum, IEnumerable<SubsystemPlanDigest> plans)
    {
        foreach (var p in plans.Where(p => p.Failure is null))
        {
            Add(sum, p.DrawKw);
            Add(sum, p.ExportKw, -1);
        }
    }

    private static void Add(double[][] sum, double[]?[] draw, double sign = 1)
    {
        for (var r = 0; r < sum.Length && r < draw.Length; r++)
        {
            if (draw[r] is not { } d) continue;
            if (sum[r].Length < d.Length) Array.Resize(ref sum[r], d.Length);
            for (var i = 0; i < d.Length; i++) sum[r][i] += sign * d[i];
        }
    }

    private static TimeSpan Left(long until)
    {
        var left = TimeSpan.FromSeconds((until - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
    }

    private INodeCoordinatorGrain Child(string district, NodeLayout child) => GrainFactory.GetGrain<INodeCoordinatorGrain>($"{district}/{child.Key}");

    private string District()
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? key : key[..slash];
    }
}
