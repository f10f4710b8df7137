using System.Globalization;
using System.Text.Json.Nodes;

namespace Sems.Engine.Identification;

/// <summary>
/// Writes an identified model as a state-space demand of the district file (docs/district-format.md, "Demand"):
/// <c>{ "id", "kind": "stateSpace", "A": [[a]], "B": { q: [[b]] }, "E": { d: [[e]] }, "C": [[1]], "x0": [x0],
/// "band": { "lower", "upper", "sided" }, "slackWeight" }</c>. Numbers are written in their shortest round-trip form,
/// so reading the file back gives the identical doubles. Every key of E must be a name in the subsystem's
/// <c>disturbances</c>, and the district's <c>stepMinutes</c> must equal <see cref="IdentifiedModel.StepMinutes"/>.
/// </summary>
public static class DemandBlock
{
    private static readonly string[] Sides = ["both", "lower", "upper"];

    /// <summary>The demand's JSON object.</summary>
    /// <param name="model">The identified first-order model.</param>
    /// <param name="id">The demand's id, non-empty.</param>
    /// <param name="x0">The state at step 0, in the state's unit (e.g. °C).</param>
    /// <param name="bandLower">Lower edge of the set-point band, in the state's unit.</param>
    /// <param name="bandUpper">Upper edge of the set-point band, ≥ <paramref name="bandLower"/>.</param>
    /// <param name="sided">"both", "lower" or "upper".</param>
    /// <param name="slackWeight">γ ≥ 0 of the squared slack.</param>
    /// <exception cref="ArgumentException">When a value is non-finite or out of range; the message names it.</exception>
    public static JsonObject ToJson(IdentifiedModel model, string id, double x0, double bandLower, double bandUpper, string sided, double slackWeight)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(sided);
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException($"id = \"{id}\" is empty: a demand needs an id.", nameof(id));
        }

        Finite(x0, nameof(x0));
        Finite(bandLower, nameof(bandLower));
        Finite(bandUpper, nameof(bandUpper));
        Finite(slackWeight, nameof(slackWeight));
        if (bandLower > bandUpper)
        {
            throw new ArgumentException($"bandLower = {Format(bandLower)} is above bandUpper = {Format(bandUpper)}.", nameof(bandLower));
        }

        if (!Sides.Contains(sided, StringComparer.Ordinal))
        {
            throw new ArgumentException($"sided = \"{sided}\" is not one of \"both\", \"lower\", \"upper\".", nameof(sided));
        }

        if (slackWeight < 0.0)
        {
            throw new ArgumentException($"slackWeight = {Format(slackWeight)} is negative: γ must be ≥ 0.", nameof(slackWeight));
        }

        Finite(model.A, "model.A");
        if (model.B.Count == 0)
        {
            throw new ArgumentException("model.B is empty: a state-space demand needs at least one energy-type input.", nameof(model));
        }

        var b = new JsonObject();
        foreach (var (name, value) in model.B)
        {
            Finite(value, $"model.B[\"{name}\"]");
            b[name] = Column(value);
        }

        var e = new JsonObject();
        foreach (var (name, value) in model.E)
        {
            Finite(value, $"model.E[\"{name}\"]");
            e[name] = Column(value);
        }

        return new JsonObject
        {
            ["id"] = id,
            ["kind"] = "stateSpace",
            ["A"] = Column(model.A),
            ["B"] = b,
            ["E"] = e,
            ["C"] = Column(1.0),
            ["x0"] = new JsonArray(JsonValue.Create(x0)),
            ["band"] = new JsonObject
            {
                ["lower"] = bandLower,
                ["upper"] = bandUpper,
                ["sided"] = sided,
            },
            ["slackWeight"] = slackWeight,
        };
    }

    /// <summary>A 1 × 1 matrix [[value]].</summary>
    private static JsonArray Column(double value) => new(new JsonArray(JsonValue.Create(value)));

    private static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{name} = {Format(value)} is not finite: JSON has no such number.", name.StartsWith("model", StringComparison.Ordinal) ? "model" : name);
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
