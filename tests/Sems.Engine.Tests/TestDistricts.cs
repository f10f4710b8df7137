using Sems.Engine.Districts;
using Sems.Engine.Model;
using Sems.Engine.Mpc;

namespace Sems.Engine.Tests;

/// <summary>Builds small district files in the contract's JSON, reads them through the real reader, solves them.</summary>
public static class TestDistricts
{
    /// <summary>A district of one subsystem with <paramref name="steps"/> steps of 15 min (Δt = 0.25 h).</summary>
    public static District One(int steps, string factors, string subsystem, string limits = "{}")
    {
        var json = $$"""
            { "name": "test", "stepMinutes": 15, "horizonSteps": {{steps}},
              "factors": {{factors}}, "districtLimits": {{limits}},
              "subsystems": [ {{subsystem}} ] }
            """;
        var read = DistrictReader.Read(json);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        return read.District!;
    }

    public static SubsystemResult SolveOne(int steps, string factors, string subsystem, MpcOptions? options = null)
    {
        var district = One(steps, factors, subsystem);
        return SubsystemSolver.Solve(district, district.Subsystems[0], options);
    }
}
