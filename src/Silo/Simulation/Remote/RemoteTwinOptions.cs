namespace Sems.Silo.Simulation.Remote;

/// <summary>Where the remote twin finds SEMS and which district it plays.</summary>
/// <param name="Server">The sems.v1 gRPC endpoint, e.g. http://127.0.0.1:50051 (h2c) or an https address.</param>
/// <param name="Token">The bearer token sent with every call; null for a server run with --insecure-dev.</param>
/// <param name="District">The district's name on the server (the scenario's name unless told otherwise).</param>
/// <param name="Put">Whether the twin loads the scenario's district file (PutDistrict) and starts its cycle (StartDistrict).</param>
public sealed record RemoteTwinOptions(Uri Server, string? Token, string District, bool Put);
