using Sems.Contracts;
using Sems.Engine.Model;

namespace Sems.Silo.Cli;

/// <summary>The readable report of <c>sems coordinate</c>: the district's limits and violation, then each subsystem's part.</summary>
internal static class CoordinationTable
{
    public static void Write(TextWriter o, District district, CoordinationCycleReport r)
    {
        o.WriteLine($"District \"{district.Title}\"{(district.Title == district.Name ? "" : $" ({district.Name})")}: cycle {r.Cycle} from {r.Start:yyyy-MM-dd HH:mm}Z, {district.HorizonSteps} steps × {r.StepMinutes} min");
        o.WriteLine($"Algorithm 1: {r.Rounds} round{(r.Rounds == 1 ? "" : "s")}, {r.Resolves} re-solve{(r.Resolves == 1 ? "" : "s")}, {r.SetpointsCommitted} set-points committed, {Units.Number(r.WallMs, 1)} ms");
        if (r.LimitKw.Count == 0) o.WriteLine("No district limits: nothing to coordinate.");
        foreach (var (resource, limit) in r.LimitKw)
        {
            o.WriteLine();
            o.WriteLine($"{resource}: limit {Units.Number(limit.Min(), 1)}–{Units.Number(limit.Max(), 1)} kW");
            o.WriteLine($"  {"",-22}{"peak kW",12}{"energy kWh",14}{"over limit kWh",16}{"steps over",12}");
            Row(o, "district before", r.DrawBeforeKw[resource], r.ViolationBeforeKwh[resource], r.ExcessBeforeKw[resource], district.StepHours);
            Row(o, "district after", r.DrawAfterKw[resource], r.ViolationAfterKwh[resource], r.ExcessAfterKw[resource], district.StepHours);
        }

        o.WriteLine();
        o.WriteLine($"{"subsystem",-22}{"priority",9}  {"status",-12}{"resource",-13}{"peak before kW",15}{"peak after kW",15}  tightened Pmax");
        foreach (var s in r.Subsystems)
        {
            var resources = s.DrawAfterKw.Keys.ToList();
            if (resources.Count == 0) o.WriteLine($"{s.SubsystemId,-22}{s.Priority,9}  {s.Status,-12}(no plan)");
            for (var k = 0; k < resources.Count; k++)
            {
                var p = resources[k];
                var before = s.DrawBeforeKw.TryGetValue(p, out var b) ? Units.Number(b.Max(), 1) : "—";
                var after = Units.Number(s.DrawAfterKw[p].Max(), 1);
                var tightened = s.TightenedMaxKw.TryGetValue(p, out var max) ? $"{Units.Number(max.Min(), 1)}–{Units.Number(max.Max(), 1)} kW" : "—";
                o.WriteLine(k == 0
                    ? $"{s.SubsystemId,-22}{s.Priority,9}  {s.Status,-12}{p,-13}{before,15}{after,15}  {tightened}"
                    : $"{"",-22}{"",9}  {"",-12}{p,-13}{before,15}{after,15}  {tightened}");
            }

            if (s.Note is not null) o.WriteLine($"  note: {s.Note}");
        }
    }

    private static void Row(TextWriter o, string label, double[] draw, double violationKwh, double[] excess, double stepHours) =>
        o.WriteLine($"  {label,-22}{Units.Number(draw.Max(), 1),12}{Units.Number(draw.Sum() * stepHours, 1),14}{Units.Number(violationKwh, 2),16}{excess.Count(e => e > 0),12}");
}
