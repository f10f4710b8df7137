namespace Sems.Deploy.Tests;

/// <summary>What a finished external command returned.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Stdout">Everything it wrote on standard output.</param>
/// <param name="Stderr">Everything it wrote on standard error.</param>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Both streams, for an assertion message.</summary>
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
