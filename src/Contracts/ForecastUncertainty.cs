namespace Sems.Contracts;

/// <summary>
/// How a forecast grain turns its inputs' forecast errors into the standard deviation of a subsystem's draw on a
/// resource, served as <c>uncertainty:{Resource}</c> (kW per step): the draw moves by the error of every input in
/// <see cref="Plus"/> and against the error of every input in <see cref="Minus"/>. For an EV/PV hub the grid draw is
/// EV demand minus PV: Plus = ["demand:ev-charging"], Minus = ["resourceMax:solar"]. The standard deviation is fitted
/// on the net residual of past horizons, so the inputs' correlation is kept.
/// </summary>
/// <param name="Resource">The resource whose draw the errors move, e.g. "electricity".</param>
/// <param name="Plus">Inputs whose error adds to the draw.</param>
/// <param name="Minus">Inputs whose error subtracts from the draw.</param>
[GenerateSerializer, Immutable, Alias("sems.ForecastUncertainty")]
public sealed record ForecastUncertainty(
    [property: Id(0)] string Resource,
    [property: Id(1)] string[] Plus,
    [property: Id(2)] string[] Minus);
