namespace Sems.Silo.Simulation.Remote;

/// <summary>A remote twin's run stopped: the kind of failure and, in words, what the server said or did.</summary>
public sealed class RemoteTwinException(RemoteTwinFailure failure, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public RemoteTwinFailure Failure { get; } = failure;
}
