using Sems.Engine.Model;

namespace Sems.Engine.Market;

/// <summary>A local energy market: its prosumers, the grid's tariffs, the grid nodes' limits and the market's options.</summary>
/// <param name="Name">The community's id.</param>
/// <param name="Title">Its heading in reports; null = the name.</param>
/// <param name="Currency">ISO 4217 code of its money; null = "currency units".</param>
/// <param name="Start">When step 0 begins; null when not given.</param>
/// <param name="StepMinutes">Δt of one market interval, minutes.</param>
/// <param name="Steps">The number of market intervals of the horizon (day-ahead: 24 at 60 min, 96 at 15 min).</param>
/// <param name="RetailPerKwh">λ_b per step: the grid's import (retail) price, currency/kWh.</param>
/// <param name="FeedInPerKwh">λ_s per step: the grid's export (feed-in) price, currency/kWh, below λ_b.</param>
/// <param name="Prosumers">The members.</param>
/// <param name="Grid">The grid nodes with their <c>electricity</c> import and export limits, kW; prosumers attach by <see cref="Prosumer.Node"/>.</param>
/// <param name="Market">The coordinator's options.</param>
public sealed record Community(
    string Name,
    string? Title,
    string? Currency,
    DateTimeOffset? Start,
    int StepMinutes,
    int Steps,
    IReadOnlyList<double> RetailPerKwh,
    IReadOnlyList<double> FeedInPerKwh,
    IReadOnlyList<Prosumer> Prosumers,
    GridTopology Grid,
    MarketSettings Market)
{
    /// <summary>The resource whose node limits apply to the market.</summary>
    public const string Electricity = "electricity";

    /// <summary>Δt in hours.</summary>
    public double StepHours => StepMinutes / 60.0;
}
