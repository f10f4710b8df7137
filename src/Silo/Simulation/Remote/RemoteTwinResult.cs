namespace Sems.Silo.Simulation.Remote;

/// <summary>
/// A remote twin's finished run: the steps and KPIs (as <c>sems simulate</c> reports them; the coordinator's re-solves
/// and cycle times are not seen through the API and are 0 in the step records), and how the run followed the server.
/// </summary>
/// <param name="Run">The scenario, every step simulated, the KPIs, the wall time and the district file the twin put (or would have).</param>
/// <param name="District">The district's name on the server.</param>
/// <param name="FirstCycle">The first cycle whose set-points the twin applied: 0 unless it joined a district that was already running.</param>
/// <param name="HeldSteps">Steps simulated without new set-points (their cycle's list never reached the twin): the last ones were held.</param>
/// <param name="BatchesPushed">Batches sent with Telemetry.Push: one after every set-point list the twin acted on.</param>
/// <param name="MeasurementsPushed">Measurements sent in them.</param>
/// <param name="MeasurementsRejected">Measurements the server rejected (each printed with its reason).</param>
/// <param name="LastMeterKw">The connection point's last reading pushed: the grid import over the scenario's last step, kW.</param>
public sealed record RemoteTwinResult(SimulationResult Run, string District, int FirstCycle, int HeldSteps, int BatchesPushed, int MeasurementsPushed, int MeasurementsRejected,
    double? LastMeterKw);
