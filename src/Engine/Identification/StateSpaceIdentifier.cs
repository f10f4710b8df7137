using System.Globalization;
using Sems.Engine.Validation;

namespace Sems.Engine.Identification;

/// <summary>
/// Identifies a first-order state-space demand (nx = 1, C = [1]) from measurements by ridge regression (O'Dwyer et al.
/// §2.2.2, "State-space model generation": parameters minimise the difference between historical measurements and
/// the model's predictions).
/// <para>
/// Regression: x[i+1] on the regressors x[i], u[q][i] for every input and d[d][i] for every disturbance, with no
/// intercept (a district file's model has none). A level term is modelled by a disturbance that is constant, e.g. the
/// ground temperature of a heat network given as a constant series: its column then plays the intercept's role and,
/// like an intercept, is not penalised. The coefficients are fitted with <see cref="RidgeRegression"/> on standardised
/// regressors.
/// </para>
/// <para>
/// Choice of λ: the data are split chronologically into a training part, then a validation block of
/// <see cref="IdentificationOptions.ValidationFraction"/> of the steps, then (when
/// <see cref="IdentificationOptions.TestFraction"/> &gt; 0) a test block at the very end. For each candidate λ the
/// model is simulated in free run over the validation block only, from its first measured state and the measured inputs and disturbances only,
/// and the λ with the smallest root-mean-square simulation error wins (the first tried, on ties). Simulation error
/// rather than one-step error, because that is how the MPC uses the model: it predicts the whole horizon from x0
/// with no measurement in between, so errors in A and B accumulate over tens of steps. One-step error hides them:
/// for a slow thermal node (A close to 1) x[i+1] ≈ x[i] already predicts one step well, so one-step error barely
/// tells candidates apart and can favour a model whose gain or time constant is wrong and which drifts in free run.
/// The returned coefficients are those fitted on the training part with the chosen λ. The statistics are those of a
/// free run over the test block, from its first measured state, so they describe the returned model on data that
/// neither the fit nor the choice of λ saw; without a test block they are the validation block's.
/// </para>
/// </summary>
public static class StateSpaceIdentifier
{
    /// <summary>Fits A, B and E to <paramref name="data"/> and reports the free-run statistics of the test block (else the validation block).</summary>
    /// <param name="data">States x[0…n], inputs and disturbances [0…n−1], all finite.</param>
    /// <param name="options">Split and λ grid; <see cref="IdentificationOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">
    /// When a series has the wrong length or a non-finite value, there are too few steps for the split (each part
    /// needs more steps than parameters), an input is constant over the training part (its gain cannot be told from a
    /// level), more than one disturbance is constant or one is identically zero, a name is empty, or the options are
    /// out of range. The message names the field, its size and the value.
    /// </exception>
    /// <exception cref="InvalidOperationException">When the free-run simulation diverges for every candidate λ.</exception>
    public static IdentifiedModel Fit(IdentificationData data, IdentificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= IdentificationOptions.Default;
        ValidateOptions(options);
        var (inputs, disturbances) = ValidateData(data);

        var states = data.States;
        var steps = states.Count - 1;
        var parameters = 1 + inputs.Count + disturbances.Count;
        var validationSteps = (int)Math.Round(steps * options.ValidationFraction, MidpointRounding.AwayFromZero);
        var testSteps = (int)Math.Round(steps * options.TestFraction, MidpointRounding.AwayFromZero);
        var trainingSteps = steps - validationSteps - testSteps;
        if (trainingSteps <= parameters || validationSteps <= parameters || (options.TestFraction > 0.0 && testSteps <= parameters))
        {
            throw new ArgumentException(
                $"data.States has {states.Count} values ({steps} steps); with ValidationFraction = {Format(options.ValidationFraction)} and " +
                $"TestFraction = {Format(options.TestFraction)} that makes {trainingSteps} training and {validationSteps} held-out validation steps" +
                (options.TestFraction > 0.0 ? $" and {testSteps} test steps" : "") + ", " +
                $"but each part needs more steps than the p = {parameters} parameters (A, {inputs.Count} input(s), {disturbances.Count} disturbance(s)), " +
                $"i.e. at least {parameters + 1}.",
                nameof(data));
        }

        var validationEnd = trainingSteps + validationSteps;

        // Columns: x, then the inputs, then the disturbances, each in the dictionaries' order.
        var series = inputs.Select(s => s.Values).Concat(disturbances.Select(s => s.Values)).ToArray();
        var features = new double[trainingSteps, parameters];
        var targets = new double[trainingSteps];
        for (var i = 0; i < trainingSteps; i++)
        {
            features[i, 0] = states[i];
            for (var k = 0; k < series.Length; k++)
            {
                features[i, k + 1] = series[k][i];
            }

            targets[i] = states[i + 1];
        }

        var unpenalised = CheckColumns(inputs, disturbances, trainingSteps);
        var ridgeOptions = new RidgeOptions { UnpenalisedColumns = unpenalised };

        RidgeFit? best = null;
        var bestScore = double.PositiveInfinity;
        var scores = new List<LambdaScore>(options.Lambdas.Count);
        foreach (var lambda in options.Lambdas)
        {
            var fit = RidgeRegression.Fit(features, targets, lambda, ridgeOptions);
            var (freeRun, oneStep) = Predict(fit.Coefficients, states, series, trainingSteps, validationEnd);
            var freeRunRmse = Rmse(states, freeRun, trainingSteps, validationEnd);
            var oneStepRmse = Rmse(states, oneStep, trainingSteps, validationEnd);
            scores.Add(new LambdaScore(lambda, freeRunRmse, oneStepRmse));
            if (freeRunRmse < bestScore)
            {
                bestScore = freeRunRmse;
                best = fit;
            }
        }

        if (best is null)
        {
            throw new InvalidOperationException(
                $"The free-run simulation of the {validationSteps} validation steps diverged for every λ tried ({options.Lambdas.Count} values from " +
                $"{Format(options.Lambdas.Min())} to {Format(options.Lambdas.Max())}): the data do not support a stable first-order model.");
        }

        // The statistics: on the test block when there is one (it starts from its own first measured state), else on
        // the validation block.
        var evaluatedFrom = testSteps > 0 ? validationEnd : trainingSteps;
        var (simulated, predicted) = Predict(best.Coefficients, states, series, evaluatedFrom, steps);
        var measured = states.Skip(evaluatedFrom + 1).ToArray();
        var modelled = simulated.Skip(evaluatedFrom + 1).ToArray();
        var b = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var k = 0; k < inputs.Count; k++)
        {
            b[inputs[k].Name] = best.Coefficients[1 + k];
        }

        var e = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var k = 0; k < disturbances.Count; k++)
        {
            e[disturbances[k].Name] = best.Coefficients[1 + inputs.Count + k];
        }

        return new IdentifiedModel(
            best.Coefficients[0],
            b,
            e,
            best.Lambda,
            data.StepMinutes,
            trainingSteps,
            validationSteps,
            parameters,
            Statistic(G14.Nmbe, measured, modelled, parameters),
            Statistic(G14.CvRmse, measured, modelled, parameters),
            Rmse(states, simulated, evaluatedFrom, steps),
            Rmse(states, predicted, evaluatedFrom, steps),
            scores,
            testSteps);
    }

    /// <summary>
    /// Free-run and one-step-ahead predictions of x[from+1…to] (entries outside are unused): the free run
    /// starts from the measured x[from] and feeds back its own predictions; the one-step prediction starts from each
    /// measured x[i].
    /// </summary>
    private static (double[] FreeRun, double[] OneStep) Predict(IReadOnlyList<double> w, IReadOnlyList<double> states, IReadOnlyList<double>[] series, int from, int to)
    {
        var freeRun = new double[to + 1];
        var oneStep = new double[to + 1];
        freeRun[from] = states[from];
        for (var i = from; i < to; i++)
        {
            var exogenous = 0.0;
            for (var k = 0; k < series.Length; k++)
            {
                exogenous += w[k + 1] * series[k][i];
            }

            freeRun[i + 1] = w[0] * freeRun[i] + exogenous;
            oneStep[i + 1] = w[0] * states[i] + exogenous;
        }

        return (freeRun, oneStep);
    }

    /// <summary>RMSE of predictions of x[from+1…to]; +∞ when the prediction is not finite (a diverged simulation).</summary>
    private static double Rmse(IReadOnlyList<double> states, double[] predicted, int from, int to)
    {
        var sum = 0.0;
        for (var i = from + 1; i <= to; i++)
        {
            var e = states[i] - predicted[i];
            sum += e * e;
        }

        var rmse = Math.Sqrt(sum / (to - from));
        return double.IsFinite(rmse) ? rmse : double.PositiveInfinity;
    }

    /// <summary>Rejects inputs that are constant (unidentifiable gain) and returns the columns of constant disturbances.</summary>
    private static int[] CheckColumns(IReadOnlyList<(string Name, IReadOnlyList<double> Values)> inputs, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> disturbances, int trainingSteps)
    {
        static bool Constant(IReadOnlyList<double> values, int count)
        {
            for (var i = 1; i < count; i++)
            {
                if (values[i] != values[0])
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var (name, values) in inputs)
        {
            if (Constant(values, trainingSteps))
            {
                throw new ArgumentException(
                    $"data.Inputs[\"{name}\"] is constant ({Format(values[0])}) over the {trainingSteps} training steps: its gain B cannot be told apart " +
                    "from the model's level. Identify from data in which the input varies.",
                    "data");
            }
        }

        var constant = new List<int>();
        for (var k = 0; k < disturbances.Count; k++)
        {
            var (name, values) = disturbances[k];
            if (!Constant(values, trainingSteps))
            {
                continue;
            }

            if (values[0] == 0.0)
            {
                throw new ArgumentException($"data.Disturbances[\"{name}\"] is 0 throughout the {trainingSteps} training steps: its coefficient cannot be identified.", "data");
            }

            if (constant.Count > 0)
            {
                throw new ArgumentException(
                    $"data.Disturbances[\"{name}\"] and data.Disturbances[\"{disturbances[constant[0] - 1 - inputs.Count].Name}\"] are both constant over the " +
                    $"{trainingSteps} training steps: only one level term can be identified; merge them or drop one.",
                    "data");
            }

            constant.Add(1 + inputs.Count + k);
        }

        return [.. constant];
    }

    private static void ValidateOptions(IdentificationOptions options)
    {
        if (!(options.ValidationFraction > 0.0 && options.ValidationFraction < 1.0))
        {
            throw new ArgumentException($"options.ValidationFraction = {Format(options.ValidationFraction)} is not in (0, 1).", nameof(options));
        }

        if (!(options.TestFraction >= 0.0 && options.ValidationFraction + options.TestFraction < 1.0))
        {
            throw new ArgumentException(
                $"options.TestFraction = {Format(options.TestFraction)} is not in [0, 1 − ValidationFraction) = [0, {Format(1.0 - options.ValidationFraction)}): " +
                "the fit needs the rest of the data.",
                nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.Lambdas, nameof(options.Lambdas));
        if (options.Lambdas.Count == 0)
        {
            throw new ArgumentException("options.Lambdas is empty: at least one candidate λ is needed.", nameof(options));
        }

        for (var k = 0; k < options.Lambdas.Count; k++)
        {
            if (!double.IsFinite(options.Lambdas[k]) || options.Lambdas[k] < 0.0)
            {
                throw new ArgumentException($"options.Lambdas[{k}] = {Format(options.Lambdas[k])} is not a finite number ≥ 0.", nameof(options));
            }
        }
    }

    private static (List<(string Name, IReadOnlyList<double> Values)> Inputs, List<(string Name, IReadOnlyList<double> Values)> Disturbances) ValidateData(IdentificationData data)
    {
        ArgumentNullException.ThrowIfNull(data.States, "data.States");
        ArgumentNullException.ThrowIfNull(data.Inputs, "data.Inputs");
        ArgumentNullException.ThrowIfNull(data.Disturbances, "data.Disturbances");
        if (data.StepMinutes <= 0)
        {
            throw new ArgumentException($"data.StepMinutes = {data.StepMinutes} is not a positive number of minutes.", nameof(data));
        }

        var states = data.States;
        if (states.Count < 2)
        {
            throw new ArgumentException($"data.States has {states.Count} values: at least 2 (one step) are needed, and more than the parameters for each of the training and held-out parts.", nameof(data));
        }

        CheckFinite(states, "data.States");
        if (data.Inputs.Count == 0)
        {
            throw new ArgumentException("data.Inputs is empty: a state-space demand needs at least one energy-type input (its B).", nameof(data));
        }

        var steps = states.Count - 1;
        var inputs = Collect(data.Inputs, "data.Inputs", steps, states.Count);
        var disturbances = Collect(data.Disturbances, "data.Disturbances", steps, states.Count);
        return (inputs, disturbances);
    }

    private static List<(string Name, IReadOnlyList<double> Values)> Collect(IReadOnlyDictionary<string, IReadOnlyList<double>> named, string field, int steps, int stateCount)
    {
        var list = new List<(string, IReadOnlyList<double>)>(named.Count);
        foreach (var (name, values) in named)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"{field} has an empty name: \"{name}\".", "data");
            }

            var path = $"{field}[\"{name}\"]";
            if (values is null)
            {
                throw new ArgumentException($"{path} is null.", "data");
            }

            if (values.Count != steps)
            {
                throw new ArgumentException(
                    $"{path} has {values.Count} values but data.States has {stateCount} ({steps} steps): each input and disturbance needs one value per step, {steps}.",
                    "data");
            }

            CheckFinite(values, path);
            list.Add((name, values));
        }

        return list;
    }

    private static void CheckFinite(IReadOnlyList<double> values, string path)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{path}[{i}] = {Format(values[i])} is not finite.", "data");
            }
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A G14 statistic, or NaN where it is undefined (no more samples than parameters, or a zero mean).</summary>
    private static double Statistic(Func<IReadOnlyList<double>, IReadOnlyList<double>, int, double> statistic, IReadOnlyList<double> measured, IReadOnlyList<double> modelled, int parameters) =>
        measured.Count > parameters && measured.Average() != 0.0 ? statistic(measured, modelled, parameters) : double.NaN;
}
