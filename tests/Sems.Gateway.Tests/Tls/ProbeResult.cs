namespace Sems.Gateway.Tests.Tls;

/// <summary>What <see cref="TlsProbe"/> saw: whether the server let the client in (its SETTINGS frame came), and how it ended, in words.</summary>
public sealed record ProbeResult(bool Accepted, string Detail);
