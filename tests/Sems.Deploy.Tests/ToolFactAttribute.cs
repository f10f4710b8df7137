using Xunit;

namespace Sems.Deploy.Tests;

/// <summary>A fact that is skipped, saying why, when a program it runs is not installed.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <param name="tool">The program on PATH the test runs, e.g. "yamllint"; "kustomize" means kubectl with kustomize v4+.</param>
    public ToolFactAttribute(string tool)
    {
        if (ToolSkip.Reason(tool) is { } reason) Skip = reason;
    }
}
