using Sems.Engine.Model;

namespace Sems.Engine.Mpc;

/// <summary>Solves every subsystem of a district independently (no coordination), in parallel, results in file order.</summary>
public static class DistrictSolver
{
    public static IReadOnlyList<SubsystemResult> SolveAll(District district, MpcOptions? options = null, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(district);
        var results = new SubsystemResult[district.Subsystems.Count];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism },
            k => results[k] = SubsystemSolver.Solve(district, district.Subsystems[k], options));
        return results;
    }
}
