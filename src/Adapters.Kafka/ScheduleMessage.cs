using System.Text.Json.Serialization;

namespace Sems.Adapters.Kafka;

/// <summary>
/// <c>sems.market.schedule/1</c> (<c>schemas/market/schedule.schema.json</c>): a prosumer's answer to one prices message,
/// on <c>{prefix}.schedules.v1</c> keyed by its id; either a schedule or the problem that prevents one.
/// </summary>
/// <param name="Schema">Always <see cref="Name"/>.</param>
/// <param name="RunId">The run id of the prices answered.</param>
/// <param name="Market">The community's name.</param>
/// <param name="ProsumerId">Who answers.</param>
/// <param name="Iteration">The iteration of the prices answered.</param>
/// <param name="ImportKw">Power imported per step, kW ≥ 0; null with a problem.</param>
/// <param name="ExportKw">Power exported per step, kW ≥ 0; null with a problem.</param>
/// <param name="EnergyCost">Σ Δt·(buy·import − sell·export) at the prices sent, currency; null with a problem.</param>
/// <param name="DiscomfortCost">Σ of its flexible loads' delay costs, currency; null with a problem.</param>
/// <param name="Problem">Why there is no schedule; null with one.</param>
public sealed record ScheduleMessage(
    string Schema,
    string RunId,
    string Market,
    string ProsumerId,
    int Iteration,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? ImportKw,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? ExportKw,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? EnergyCost,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DiscomfortCost,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Problem)
{
    /// <summary>The message's name and major version, in its <c>schema</c> field and Kafka header.</summary>
    public const string Name = "sems.market.schedule/1";
}
