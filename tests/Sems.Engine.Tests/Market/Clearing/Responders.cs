using Sems.Engine.Market;

namespace Sems.Engine.Tests.Market.Clearing;

/// <summary>Closed-form prosumer responses to a request; net import x per step in kW (+ import, − export).</summary>
internal static class Responders
{
    /// <summary>A schedule from net imports per step, with its energy cost at the request's prices.</summary>
    public static ProsumerSchedule Schedule(ProsumerRequest r, IReadOnlyList<double> netImportKw, double stepHours, double discomfort)
    {
        var import = netImportKw.Select(x => Math.Max(0, x)).ToArray();
        var export = netImportKw.Select(x => Math.Max(0, -x)).ToArray();
        var cost = 0.0;
        for (var t = 0; t < import.Length; t++) cost += stepHours * (r.BuyPerKwh[t] * import[t] - r.SellPerKwh[t] * export[t]);
        return new ProsumerSchedule(r.ProsumerId, r.Iteration, import, export, cost, discomfort);
    }

    /// <summary>A fixed profile whatever the prices and caps.</summary>
    public static Func<ProsumerRequest, ProsumerSchedule?> Fixed(double[] netImportKw, double stepHours) =>
        r => Schedule(r, netImportKw, stepHours, 0);

    /// <summary>
    /// A battery-free flexible prosumer with a quadratic discomfort (a/2)·(x − x0)² per hour: per step it minimises
    /// buy·x⁺ − sell·x⁻ + (a/2)(x − x0)², so x = x0 − buy/a if that is &gt; 0, x0 − sell/a if that is &lt; 0, else 0;
    /// then clipped to its caps (the exact optimum of a convex one-variable problem on an interval).
    /// </summary>
    public static Func<ProsumerRequest, ProsumerSchedule?> Quadratic(double[] preferredKw, double a, double stepHours) => r =>
    {
        var x = new double[preferredKw.Length];
        var discomfort = 0.0;
        for (var t = 0; t < x.Length; t++)
        {
            var importing = preferredKw[t] - r.BuyPerKwh[t] / a;
            var exporting = preferredKw[t] - r.SellPerKwh[t] / a;
            x[t] = importing > 0 ? importing : exporting < 0 ? exporting : 0;
            if (r.ImportCapKw is { } ic) x[t] = Math.Min(x[t], ic[t]);
            if (r.ExportCapKw is { } ec) x[t] = Math.Max(x[t], -ec[t]);
            discomfort += stepHours * a / 2 * (x[t] - preferredKw[t]) * (x[t] - preferredKw[t]);
        }

        return Schedule(r, x, stepHours, discomfort);
    };

    /// <summary>
    /// Bang-bang: in every step it sells <paramref name="sellKw"/> when the sell price is at least its value of the energy
    /// <paramref name="valuePerKwh"/> (ties sell), else nothing; the value given up is its discomfort, so its cost
    /// min(0, Δt·(value − sell)·sellKw) is continuous in the price although its answer jumps.
    /// </summary>
    public static Func<ProsumerRequest, ProsumerSchedule?> Threshold(double sellKw, double valuePerKwh, int steps, double stepHours) => r =>
    {
        var x = new double[steps];
        var discomfort = 0.0;
        for (var t = 0; t < steps; t++)
        {
            if (r.SellPerKwh[t] < valuePerKwh) continue;
            x[t] = -sellKw;
            discomfort += stepHours * valuePerKwh * sellKw;
        }

        return Schedule(r, x, stepHours, discomfort);
    };
}
