namespace Sems.Bench.Economic;

/// <summary>
/// A participant whose answers are closed-form LPs, so that a bench times the coordinator alone: a fixed base load
/// b[i] (kW) plus an energy E (kWh) to draw over the horizon at 0 … R kW per step, paying tariff[i] per kWh.
/// J = Σ tariff[i]·(b[i] + s[i])·Δt. Priced, it fills the steps of least tariff + price first (a vertex of its LP);
/// capped, the steps of least tariff first within min(R, cap − b), and the marginal value of a binding cap is
/// θ − tariff[i] per kWh, θ the tariff of the marginal step (the LP's dual of the energy row).
/// </summary>
public sealed class ShiftableLoad(double[] baseKw, double energyKwh, double rateKw, double[] tariffPerKwh, double stepHours)
{
    private const double Tolerance = 1e-9;

    public double[] BaseKw { get; } = baseKw;

    public double EnergyKwh { get; } = energyKwh;

    public double RateKw { get; } = rateKw;

    public double[] TariffPerKwh { get; } = tariffPerKwh;

    /// <summary>min J + Σ price·Δt·draw: returns the draw (kW per step), J and the priced optimum.</summary>
    public (double[] DrawKw, double Objective, double Priced) Price(IReadOnlyList<double>? pricePerKwh)
    {
        var n = BaseKw.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => TariffPerKwh[i] + (pricePerKwh?[i] ?? 0)).ThenBy(i => i).ToArray();
        var shift = Fill(order, Enumerable.Repeat(RateKw, n).ToArray(), out _);
        var draw = new double[n];
        double objective = 0, priced = 0;
        for (var i = 0; i < n; i++)
        {
            draw[i] = BaseKw[i] + shift![i];
            objective += TariffPerKwh[i] * draw[i] * stepHours;
            priced += (TariffPerKwh[i] + (pricePerKwh?[i] ?? 0)) * draw[i] * stepHours;
        }

        return (draw, objective, priced);
    }

    /// <summary>min J s.t. draw ≤ cap (+∞: none): the draw, J and the caps' marginal values per kWh; null when infeasible.</summary>
    public (double[] DrawKw, double Objective, double[] CapPricePerKwh)? Cap(IReadOnlyList<double> capKw)
    {
        var n = BaseKw.Length;
        var upper = new double[n];
        for (var i = 0; i < n; i++)
        {
            var room = capKw[i] - BaseKw[i];
            if (room < -1e-7) return null; // the base load alone is above the cap
            upper[i] = Math.Min(RateKw, Math.Max(0, room));
        }

        var order = Enumerable.Range(0, n).OrderBy(i => TariffPerKwh[i]).ThenBy(i => i).ToArray();
        if (Fill(order, upper, out var marginal) is not { } shift) return null;
        var draw = new double[n];
        var value = new double[n];
        var objective = 0.0;
        var theta = marginal >= 0 ? TariffPerKwh[marginal] : 0;
        for (var i = 0; i < n; i++)
        {
            draw[i] = BaseKw[i] + shift[i];
            objective += TariffPerKwh[i] * draw[i] * stepHours;
            var capBound = upper[i] < RateKw - Tolerance && shift[i] >= upper[i] - Tolerance;
            value[i] = capBound ? Math.Max(0, theta - TariffPerKwh[i]) : 0;
        }

        return (draw, objective, value);
    }

    /// <summary>Fills E over the steps in <paramref name="order"/> up to <paramref name="upperKw"/>; null when it does not fit.</summary>
    private double[]? Fill(int[] order, double[] upperKw, out int marginal)
    {
        var shift = new double[order.Length];
        var left = EnergyKwh;
        marginal = -1;
        foreach (var i in order)
        {
            if (left <= Tolerance) break;
            var take = Math.Min(upperKw[i], left / stepHours);
            if (take <= 0) continue;
            shift[i] = take;
            left -= take * stepHours;
            marginal = i;
        }

        return left > 1e-7 ? null : shift;
    }
}
