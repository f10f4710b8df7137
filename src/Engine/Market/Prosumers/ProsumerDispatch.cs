namespace Sems.Engine.Market;

/// <summary>How a prosumer's assets run in its schedule, per step (what its meter's import and export come from).</summary>
/// <param name="PvUsedKw">PV used per step, kW (PV available − this is curtailed).</param>
/// <param name="ChargeKw">Battery charging per step, kW; all 0 without a battery.</param>
/// <param name="DischargeKw">Battery discharging per step, kW (never &gt; 0 where charging is); all 0 without a battery.</param>
/// <param name="SocKwh">Battery state of charge at the start of steps 0…N (N + 1 values), kWh; empty without a battery.</param>
/// <param name="FlexibleKw">The flexible loads' total draw per step, kW.</param>
/// <param name="StartSteps">The step each flexible load starts at, in the order of <see cref="Prosumer.FlexibleLoads"/>.</param>
public sealed record ProsumerDispatch(
    IReadOnlyList<double> PvUsedKw,
    IReadOnlyList<double> ChargeKw,
    IReadOnlyList<double> DischargeKw,
    IReadOnlyList<double> SocKwh,
    IReadOnlyList<double> FlexibleKw,
    IReadOnlyList<int> StartSteps);
