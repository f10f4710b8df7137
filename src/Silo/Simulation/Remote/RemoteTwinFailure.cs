namespace Sems.Silo.Simulation.Remote;

/// <summary>Why a remote twin's run stopped before the scenario's end.</summary>
public enum RemoteTwinFailure
{
    /// <summary>The server cannot be reached, or it closed a stream (an I/O failure).</summary>
    Unreachable,

    /// <summary>The server refused a request: a credential, a district that is unknown or invalid, a district that does not fit the scenario.</summary>
    Refused,

    /// <summary>The server failed a request for a reason of its own.</summary>
    ServerError,
}
