using Xunit;

namespace Sems.Deploy.Tests;

/// <summary>A theory that is skipped, saying why, when a program it runs is not installed.</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    /// <param name="tool">The program on PATH the test runs, e.g. "node"; "kustomize" means kubectl with kustomize v4+.</param>
    public ToolTheoryAttribute(string tool)
    {
        if (ToolSkip.Reason(tool) is { } reason) Skip = reason;
    }
}
