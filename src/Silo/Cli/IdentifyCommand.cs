using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sems.Engine.Identification;
using Sems.Forecasting;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems identify --csv FILE --time COLUMN --state COLUMN --input TYPE=COLUMN ... [--disturbance NAME=COLUMN ...]
/// [--expect TYPE=SIGN ...] [--id ID] [--band LOWER,UPPER] [--unit TEXT]</c>: fits a first-order state-space demand
/// model (A, B, E) by ridge regression on the first 60 % of the data, chooses λ on the next 20 % (validation) and
/// prints ASHRAE Guideline 14 figures of its free run on the last 20 % (test), which neither saw. It checks the
/// coefficients' signs against physics and the inputs for closed-loop correlation, prints a verdict, and the demand
/// block of the district file unless a sign is wrong or the model unstable.
/// </summary>
internal static class IdentifyCommand
{
    public const string Notes = """
        Blocks in time: fit (first 60 %), validation (next 20 %, λ chosen there), test (last 20 %, the G14 figures).
        --expect TYPE=+ or TYPE=- (or none): the sign B[TYPE] must have; default + for energy types named *heat*,
        - for *cool*. Inputs correlating with a disturbance or the state with |r| > 0.7 over the fit block make the
        data closed-loop. --band: two finite numbers, LO ≤ UP (default 60,75); --unit: the state's unit (e.g. °C).
        Exit code 0 only for an approved model; 1 when the G14 targets are missed on the test block, a sign is wrong,
        the data are closed-loop or the model is unstable (|A| ≥ 1). CSV files are read as UTF-8 (times 1900–2199,
        steps of whole minutes up to 1 h). Exit code 2 for invalid data or options, 3 when the file cannot be read.
        """;

    /// <summary>The split <c>sems identify</c> uses: 60 % fit, 20 % validation, 20 % test.</summary>
    private static readonly IdentificationOptions Options = new() { ValidationFraction = 0.2, TestFraction = 0.2 };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var csv = CliOptions.Text("--csv", "The CSV file of the measurements (UTF-8).", "FILE", required: true);
        var time = CliOptions.Text("--time", "The column of timestamps.", "COLUMN", required: true);
        var state = CliOptions.Text("--state", "The column of the state (e.g. the network's temperature).", "COLUMN", required: true);
        var inputs = Pairs("--input", "TYPE=COLUMN", "A controlled input: its energy type and its column; repeat for more.");
        inputs.Required = true;
        var disturbances = Pairs("--disturbance", "NAME=COLUMN", "A disturbance: its name and its column; repeat for more.");
        var expect = Pairs("--expect", "TYPE=SIGN", "The sign (+, - or none) an input's B must have; repeat for more.");
        var id = CliOptions.Text("--id", "The demand's id in the printed block.", "ID");
        id.DefaultValueFactory = _ => "network";
        var band = new Option<(double Lower, double Upper)>("--band")
        {
            Description = "The comfort band LO,UP of the state.",
            HelpName = "LO,UP",
            DefaultValueFactory = _ => (60, 75),
            CustomParser = result =>
            {
                if (OptionValue.Band("--band", CliOptions.Single(result), out var problem) is { } value) return value;
                result.AddError(problem!);
                return default;
            },
        };
        var unit = CliOptions.Text("--unit", "The state's unit in the output (e.g. °C).", "TEXT");
        var command = new Command("identify",
            "Fits a first-order state-space demand model by ridge regression (λ chosen on a validation block), prints its ASHRAE G14 figures on a later test block, checks its signs and the data for closed loop, and prints the district file's demand block.")
        {
            csv, time, state, inputs, disturbances, expect, id, band, unit,
        };
        command.SetAction(result =>
        {
            var (lower, upper) = result.GetValue(band);
            return Run(result.GetRequiredValue(csv), result.GetRequiredValue(time), result.GetRequiredValue(state),
                result.GetValue(inputs) ?? [], result.GetValue(disturbances) ?? [], result.GetValue(expect) ?? [], result.GetRequiredValue(id),
                lower, upper, result.GetValue(unit)?.Trim(), stdout, stderr);
        });
        return command;
    }

    /// <summary>A repeatable NAME=COLUMN option; a value without both parts is a parse error.</summary>
    private static Option<(string Name, string Column)[]> Pairs(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Arity = ArgumentArity.ZeroOrMore,
        CustomParser = result =>
        {
            var pairs = new List<(string, string)>();
            foreach (var token in result.Tokens)
            {
                if (token.Value.Split('=') is [var left, var column] && left.Trim().Length > 0 && column.Trim().Length > 0) pairs.Add((left.Trim(), column));
                else result.AddError($"{name}: \"{MessageText.Shorten(token.Value)}\" is not {helpName} with both parts non-empty");
            }

            return [.. pairs];
        },
    };

    private static int Run(string file, string time, string stateColumn, IReadOnlyList<(string Name, string Column)> inputs, IReadOnlyList<(string Name, string Column)> disturbances,
        IReadOnlyList<(string Name, string Sign)> expect, string id, double lower, double upper, string? unit, TextWriter stdout, TextWriter stderr)
    {
        if (inputs.Concat(disturbances).GroupBy(n => n.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            return SemsCli.Fail(stderr, $"identify: the name \"{MessageText.Shorten(repeated.Key)}\" is given to more than one --input or --disturbance");

        if (ExpectedSigns(inputs, expect, stderr) is not { } expected) return SemsCli.InvalidInput;

        if (CsvInputFile.Read(file, stderr, out var readFailure) is not { } text) return readFailure;

        var read = CsvSeriesReader.Read(text, time, stateColumn, [.. inputs.Select(i => i.Column), .. disturbances.Select(d => d.Column)]);
        if (read.Data is not { } data)
        {
            stderr.WriteLine($"sems: {MessageText.Shorten(file)} cannot be identified ({read.Problems.Count} problem{(read.Problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in read.Problems) stderr.WriteLine($"  {problem}");
            return SemsCli.InvalidInput;
        }

        var n = data.Count - 1;
        IReadOnlyList<double> First(string column) => data.Features[column].Take(n).ToArray();
        var identification = new IdentificationData(data.Values,
            inputs.ToDictionary(i => i.Name, i => First(i.Column)),
            disturbances.ToDictionary(d => d.Name, d => First(d.Column)),
            (int)data.Step.TotalMinutes);
        IdentifiedModel model;
        try
        {
            model = StateSpaceIdentifier.Fit(identification, Options);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"sems: {e.Message}");
            return SemsCli.InvalidInput;
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"sems: the fitted model diverges: {e.Message}");
            return 1;
        }

        var validationEnd = model.TrainingSteps + model.ValidationSteps;
        stdout.WriteLine($"blocks: {IdentifyReport.Span("fit", data, 0, model.TrainingSteps)}; " +
            $"{IdentifyReport.Span("validation", data, model.TrainingSteps, validationEnd)}, λ chosen here; " +
            $"{IdentifyReport.Span("test", data, validationEnd, validationEnd + model.TestSteps)}, the figures below");
        if (!model.IsStable)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sems: the fitted model is unstable: A = {model.A:G6}, and |A| ≥ 1 makes its free run grow without bound; the data do not support a stable first-order model, so no demand block is printed"));
            return 1;
        }

        var unitText = unit ?? $"(units of column {MessageText.Shorten(stateColumn)})";
        var chosen = model.LambdaScores.First(s => s.Lambda == model.Lambda);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"λ = {model.Lambda:G3}, chosen on the validation block: free-run RMSE {chosen.FreeRunRmse:0.####} {unitText} there"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"free run on the test block: NMBE {Percent(model.NmbePercent)}, CV(RMSE) {Percent(model.CvRmsePercent)} (ASHRAE G14 targets ±10 %, ≤ 30 %: {(model.MeetsG14 ? "within" : "outside")}), RMSE {model.FreeRunRmse:0.###} {unitText}"));

        var temperature = IdentifyReport.IsTemperature(unit);
        var violations = SignCheck.Violations(model, expected);
        foreach (var violation in violations)
            stderr.WriteLine($"sems: {IdentifyReport.Sign(violation, MessageText.Shorten(id), MessageText.Shorten(stateColumn), unitText, temperature)}");
        foreach (var (name, sign) in expected)
        {
            if (violations.Any(v => v.Input == name)) continue;
            stdout.WriteLine($"sign: B[{name}] = {IdentifyReport.Number(model.B[name])} {unitText} per kW per step, {(sign == ExpectedSign.Positive ? "> 0" : "< 0")} as expected");
        }

        var closedLoop = ClosedLoopCheck.Find(identification, model.TrainingSteps);
        foreach (var pair in closedLoop)
            stderr.WriteLine($"sems: warning: {IdentifyReport.ClosedLoop(pair, MessageText.Shorten(stateColumn))}");

        var reasons = new List<string>();
        if (!model.MeetsG14) reasons.Add("the test block's figures are outside the G14 targets");
        if (violations.Count > 0) reasons.Add($"{violations.Count} coefficient{(violations.Count == 1 ? " has" : "s have")} the wrong sign, so the model contradicts physics");
        if (closedLoop.Count > 0) reasons.Add("the data are closed-loop, so the input's effect cannot be separated from what drove it");
        stdout.WriteLine(reasons.Count == 0
            ? "verdict: approved: G14 met on the test block, every checked sign as expected, no closed-loop input"
            : $"verdict: NOT approved: {string.Join("; ", reasons)}");
        if (violations.Count > 0)
        {
            stderr.WriteLine("sems: a model with a wrong sign would steer the MPC the wrong way, so no demand block is printed");
            return 1;
        }

        var block = DemandBlock.ToJson(model, id, data.Values[^1], lower, upper, "both", 1.0);
        stdout.WriteLine(block.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return reasons.Count == 0 ? 0 : 1;
    }

    /// <summary>The sign each input's B must have: the defaults by name, overridden by --expect; null after reporting a bad --expect.</summary>
    private static Dictionary<string, ExpectedSign>? ExpectedSigns(IReadOnlyList<(string Name, string Column)> inputs, IReadOnlyList<(string Name, string Sign)> expect, TextWriter stderr)
    {
        var signs = new Dictionary<string, ExpectedSign>(StringComparer.Ordinal);
        foreach (var (name, _) in inputs)
        {
            if (SignCheck.DefaultFor(name) is { } sign) signs[name] = sign;
        }

        foreach (var (name, value) in expect)
        {
            if (!inputs.Any(i => i.Name == name))
            {
                SemsCli.Fail(stderr, $"identify: --expect names \"{MessageText.Shorten(name)}\", which is not an --input (inputs: {string.Join(", ", inputs.Select(i => MessageText.Shorten(i.Name)))})");
                return null;
            }

            switch (value.Trim())
            {
                case "+": signs[name] = ExpectedSign.Positive; break;
                case "-" or "−": signs[name] = ExpectedSign.Negative; break;
                case "none": signs.Remove(name); break;
                default:
                    SemsCli.Fail(stderr, $"identify: --expect {MessageText.Shorten(name)}=\"{MessageText.Shorten(value)}\": the sign must be +, - or none");
                    return null;
            }
        }

        return signs;
    }

    /// <summary>A G14 statistic in %, or "undefined" (the test block's mean state is 0, or too few test steps).</summary>
    private static string Percent(double value) =>
        double.IsFinite(value) ? string.Create(CultureInfo.InvariantCulture, $"{value:0.###} %") : "undefined (the test block's mean state is 0 or it has too few steps)";
}
