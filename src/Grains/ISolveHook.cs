namespace Sems.Grains;

/// <summary>
/// Called by a subsystem grain before each solve (stage "plan" or "resolve") and before it prepares a definition
/// version, with its key "district/subsystem": a seam for fault injection in tests (throw, or wait). Production hosts
/// register none.
/// </summary>
public interface ISolveHook
{
    Task BeforeSolveAsync(string subsystemKey, int cycle, string stage);

    Task BeforeConfigureAsync(string subsystemKey, int version) => Task.CompletedTask;
}
