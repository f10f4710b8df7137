namespace Sems.Grains;

/// <summary>
/// Called by a subsystem grain before each solve (<paramref name="stage"/> "plan" or "resolve") with its key
/// "district/subsystem": a seam for fault injection in tests (throw, or wait). Production hosts register none.
/// </summary>
public interface ISolveHook
{
    Task BeforeSolveAsync(string subsystemKey, int cycle, string stage);
}
