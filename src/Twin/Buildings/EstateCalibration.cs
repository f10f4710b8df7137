namespace Sems.Twin;

/// <summary>
/// Calibrates <see cref="EstateParameters"/> against a measured hourly heat (or gas) series.
/// <para>
/// Method. The measured hourly energies gᵢ (hour i starting at tᵢ) are scaled to the target annual heat E:
/// yᵢ = gᵢ·E/Σg. The model's energy in hour i is taken at the hour's midpoint (midpoint rule):
/// mᵢ = UA·Xᵢ + HW·Sᵢ with Xᵢ = max(0, T<sub>b</sub> − T<sub>out</sub>(tᵢ + 30 min)) and
/// Sᵢ = <see cref="HotWaterProfile.Factor"/>(tᵢ + 30 min). The parameters minimise the hourly sum of squares
/// Σ(yᵢ − mᵢ)² subject to the energy constraint Σmᵢ = E and UA, HW ≥ 0. For a fixed balance temperature the
/// problem is a one-dimensional convex quadratic on the constraint line HW = (E − UA·ΣX)/ΣS, solved in closed form
/// and clamped to UA ∈ [0, E/ΣX]; the balance temperature is found by a 0.1 °C grid search over
/// [<see cref="MinBalanceTemperatureC"/>, <see cref="MaxBalanceTemperatureC"/>] refined by golden-section search to
/// 0.001 °C. Because Σm = Σy = E by construction, the NMBE of the fit is zero up to rounding: the energy level comes
/// from the constraint and only the shape (CV(RMSE)) measures the fit.
/// </para>
/// </summary>
public static class EstateCalibration
{
    /// <summary>Parameters the calibration fits to the measured data: UA, balance temperature and hot-water base (the p of G14's n − p).</summary>
    public const int FittedParameters = 3;

    /// <summary>Lowest balance temperature searched, 10 °C (a lower bound, well below the traditional UK 15.5 °C degree-day base; CIBSE TM41 "Degree-days: theory and application" (2006) explains why well-insulated buildings have lower base temperatures).</summary>
    public const double MinBalanceTemperatureC = 10.0;

    /// <summary>Highest balance temperature searched, 25 °C (above any plausible indoor set-point; an upper bound, not a prior).</summary>
    public const double MaxBalanceTemperatureC = 25.0;

    /// <summary>Grid step of the balance-temperature search, 0.1 °C (numerical choice, finer than the 0.1 °C resolution of the weather data).</summary>
    public const double GridStepC = 0.1;

    /// <summary>Final tolerance of the golden-section refinement, 0.001 °C (numerical choice).</summary>
    public const double ToleranceC = 0.001;

    /// <summary>Half an hour, the offset from an hour's start to its midpoint (definition).</summary>
    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Calibrates against <see cref="TwinInputs.CalibrationHeatLoad"/> and the 2022 Bedford temperatures, scaling the
    /// measured series to <paramref name="annualHeatKwh"/> (default 2.0 GWh, the Greenwich estate).
    /// </summary>
    public static EstateParameters Fit(TwinInputs inputs, double annualHeatKwh = EstateModel.GreenwichAnnualHeatKwh)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var load = inputs.CalibrationHeatLoad;
        var hourStarts = load.Select(h => h.Time).ToArray();
        var temperatures = hourStarts.Select(t => inputs.OutdoorTemperatureC(t + HalfHour)).ToArray();
        return Fit(hourStarts, temperatures, load.Select(h => h.HeatKwh).ToArray(), annualHeatKwh);
    }

    /// <summary>
    /// Calibrates against hourly measured energies <paramref name="measuredKwh"/> for the hours starting at
    /// <paramref name="hourStarts"/>, with <paramref name="outdoorTemperatureC"/> the outdoor temperature at each hour's
    /// midpoint (°C). The measured series is scaled so that its total is <paramref name="totalHeatKwh"/>, which the
    /// fitted model also reproduces exactly.
    /// </summary>
    public static EstateParameters Fit(
        IReadOnlyList<DateTimeOffset> hourStarts,
        IReadOnlyList<double> outdoorTemperatureC,
        IReadOnlyList<double> measuredKwh,
        double totalHeatKwh)
    {
        ArgumentNullException.ThrowIfNull(hourStarts);
        ArgumentNullException.ThrowIfNull(outdoorTemperatureC);
        ArgumentNullException.ThrowIfNull(measuredKwh);
        var n = hourStarts.Count;
        if (n == 0 || outdoorTemperatureC.Count != n || measuredKwh.Count != n)
        {
            throw new ArgumentException($"Need equally long, non-empty series (hours {n}, temperatures {outdoorTemperatureC.Count}, measurements {measuredKwh.Count}).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalHeatKwh);
        var measuredTotal = measuredKwh.Sum();
        if (!(measuredTotal > 0.0))
        {
            throw new ArgumentException("The measured series must have a positive total.", nameof(measuredKwh));
        }

        var problem = new Problem(
            outdoorTemperatureC.ToArray(),
            hourStarts.Select(t => HotWaterProfile.Factor(t + HalfHour)).ToArray(),
            measuredKwh.Select(g => g * totalHeatKwh / measuredTotal).ToArray(),
            totalHeatKwh);

        var steps = (int)Math.Round((MaxBalanceTemperatureC - MinBalanceTemperatureC) / GridStepC);
        var bestTb = MinBalanceTemperatureC;
        var bestSse = double.PositiveInfinity;
        for (var k = 0; k <= steps; k++)
        {
            var tb = MinBalanceTemperatureC + k * GridStepC;
            var sse = problem.Solve(tb).Sse;
            if (sse < bestSse)
            {
                bestSse = sse;
                bestTb = tb;
            }
        }

        var refined = GoldenSection(
            tb => problem.Solve(tb).Sse,
            Math.Max(MinBalanceTemperatureC, bestTb - GridStepC),
            Math.Min(MaxBalanceTemperatureC, bestTb + GridStepC));
        var solution = problem.Solve(refined);
        if (solution.Sse > bestSse)
        {
            solution = problem.Solve(bestTb);
            refined = bestTb;
        }

        return new EstateParameters(solution.Ua, refined, solution.HotWater);
    }

    private static double GoldenSection(Func<double, double> f, double lo, double hi)
    {
        var ratio = (Math.Sqrt(5.0) - 1.0) / 2.0;
        var a = lo;
        var b = hi;
        var c = b - ratio * (b - a);
        var d = a + ratio * (b - a);
        var fc = f(c);
        var fd = f(d);
        while (b - a > ToleranceC)
        {
            if (fc <= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - ratio * (b - a);
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + ratio * (b - a);
                fd = f(d);
            }
        }

        return (a + b) / 2.0;
    }

    /// <summary>The scaled measured series and regressors of one calibration.</summary>
    private sealed class Problem(double[] temperatures, double[] hotWater, double[] target, double total)
    {
        private readonly double _sumHotWater = hotWater.Sum();

        /// <summary>Best (UA, HW) on the energy-constraint line for balance temperature <paramref name="tb"/>.</summary>
        public (double Ua, double HotWater, double Sse) Solve(double tb)
        {
            // r = y − UA·X − HW·S with HW = (E − UA·ΣX)/ΣS  ⇒  r = u − UA·w, u = y − (E/ΣS)·S, w = X − (ΣX/ΣS)·S.
            var sumX = 0.0;
            for (var i = 0; i < temperatures.Length; i++)
            {
                sumX += Math.Max(0.0, tb - temperatures[i]);
            }

            var uw = 0.0;
            var ww = 0.0;
            for (var i = 0; i < temperatures.Length; i++)
            {
                var x = Math.Max(0.0, tb - temperatures[i]);
                var u = target[i] - total / _sumHotWater * hotWater[i];
                var w = x - sumX / _sumHotWater * hotWater[i];
                uw += u * w;
                ww += w * w;
            }

            var ua = ww > 0.0 ? uw / ww : 0.0;
            ua = Math.Clamp(ua, 0.0, sumX > 0.0 ? total / sumX : 0.0);
            var hw = (total - ua * sumX) / _sumHotWater;

            var sse = 0.0;
            for (var i = 0; i < temperatures.Length; i++)
            {
                var e = target[i] - ua * Math.Max(0.0, tb - temperatures[i]) - hw * hotWater[i];
                sse += e * e;
            }

            return (ua, hw, sse);
        }
    }
}
