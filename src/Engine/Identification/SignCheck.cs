namespace Sems.Engine.Identification;

/// <summary>
/// Checks the signs of an identified model's coefficients against physics. Ridge regression fits whatever
/// correlation the data hold: on closed-loop data (the controller raises the heat when the load is high and the
/// network cold) it can find a B[heat] ≤ 0, a model in which more heat makes the network colder, whose free run may
/// still track the measurements well enough to pass Guideline 14. Such a model is unusable by the MPC, which would
/// then cut the heat to warm the network, so a wrong sign refuses the model whatever its statistics.
/// </summary>
public static class SignCheck
{
    /// <summary>
    /// The sign expected of B for an energy type when the user states none: Positive when its name contains "heat"
    /// (heat delivered raises the state), Negative when it contains "cool" (cooling delivered lowers it), both
    /// case-insensitive; otherwise null (no expectation, not checked). "cool" wins when a name holds both.
    /// </summary>
    public static ExpectedSign? DefaultFor(string energyType)
    {
        ArgumentNullException.ThrowIfNull(energyType);
        if (energyType.Contains("cool", StringComparison.OrdinalIgnoreCase))
        {
            return ExpectedSign.Negative;
        }

        return energyType.Contains("heat", StringComparison.OrdinalIgnoreCase) ? ExpectedSign.Positive : null;
    }

    /// <summary>
    /// Every coefficient of <paramref name="model"/> with the wrong sign: A ≤ 0 first, then each input of
    /// <paramref name="expected"/> whose B is not strictly of the expected sign (B = 0 is wrong both ways: the input
    /// would do nothing), in the order of <see cref="IdentifiedModel.B"/>. Empty when the model is physically signed.
    /// </summary>
    /// <param name="model">The identified model.</param>
    /// <param name="expected">Energy type → the sign its B must have; inputs not named here are not checked.</param>
    /// <exception cref="ArgumentException">When <paramref name="expected"/> names an energy type that is not an input of the model.</exception>
    public static IReadOnlyList<SignViolation> Violations(IdentifiedModel model, IReadOnlyDictionary<string, ExpectedSign> expected)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(expected);
        foreach (var name in expected.Keys)
        {
            if (!model.B.ContainsKey(name))
            {
                throw new ArgumentException(
                    $"expected names \"{name}\", which is not an input of the model (its inputs: {string.Join(", ", model.B.Keys.Select(k => $"\"{k}\""))}).",
                    nameof(expected));
            }
        }

        var violations = new List<SignViolation>();
        if (!(model.A > 0.0))
        {
            violations.Add(new SignViolation(null, model.A, ExpectedSign.Positive));
        }

        foreach (var (name, b) in model.B)
        {
            if (!expected.TryGetValue(name, out var sign))
            {
                continue;
            }

            var right = sign == ExpectedSign.Positive ? b > 0.0 : b < 0.0;
            if (!right)
            {
                violations.Add(new SignViolation(name, b, sign));
            }
        }

        return violations;
    }
}
