namespace Sems.Bench.Coordination;

/// <summary>
/// What <see cref="GeneratedDistrict.CreateCity"/> generates: <paramref name="Subsystems"/> subsystems in turn a heat
/// network, a heat-pump-and-battery building and an EV/PV hub, spread in contiguous blocks over
/// <paramref name="Feeders"/> feeders under one substation.
/// </summary>
/// <param name="FeederLimit">Each feeder's electricity importMax as a fraction of the summed peaks of its subsystems.</param>
/// <param name="RootLimit">The substation's electricity importMax as a fraction of the summed peaks of all subsystems.</param>
/// <param name="Mode">The district's coordination mode (<c>priority</c> or <c>economic</c>), or null to leave it out.</param>
public sealed record CityOptions(int Subsystems, int Seed, int Feeders = 100, double FeederLimit = 0.9, double RootLimit = 0.8, string? Mode = null);
