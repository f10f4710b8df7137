using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Sems.Silo.Hosting;

/// <summary>
/// Where a served silo listens: one IP address for both the silo-to-silo endpoint and the client gateway, from the
/// "Sems:Listen" configuration section (Address, SiloPort, GatewayPort, AllowUnauthenticated).
/// </summary>
/// <remarks>
/// The Orleans endpoints have no authentication: any client that reaches the gateway can call every grain, e.g. set
/// the district limit. The default is therefore loopback (127.0.0.1). Another address is accepted only with
/// AllowUnauthenticated = true, which acknowledges that anyone who can reach that address controls the district.
/// The address must name one interface: 0.0.0.0 and :: (every interface) are refused.
/// </remarks>
/// <param name="Address">The address both endpoints listen on and that the silo advertises to the cluster.</param>
/// <param name="SiloPort">Port of the silo-to-silo endpoint, 1–65535.</param>
/// <param name="GatewayPort">Port of the client gateway, 1–65535, not the silo port.</param>
/// <param name="AllowUnauthenticated">Whether a non-loopback address was explicitly acknowledged as unauthenticated.</param>
public sealed record ListenSettings(IPAddress Address, int SiloPort, int GatewayPort, bool AllowUnauthenticated)
{
    public const string Section = "Sems:Listen";

    /// <summary>127.0.0.1 on the Orleans default ports (silo 11111, gateway 30000).</summary>
    public static ListenSettings Default { get; } = new(IPAddress.Loopback, 11111, 30000, false);

    public IPEndPoint SiloEndpoint => new(Address, SiloPort);

    public IPEndPoint GatewayEndpoint => new(Address, GatewayPort);

    /// <summary>Reads and checks the "Sems:Listen" section; returns null with the reason when it is not acceptable.</summary>
    public static ListenSettings? Read(IConfiguration configuration, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = Default;
        problem = null;

        var address = defaults.Address;
        if (section["Address"] is { } text && !IPAddress.TryParse(text.Trim(), out address!))
        {
            problem = $"{Section}:Address: \"{Shorten(text)}\" is not an IP address (e.g. 127.0.0.1 or ::1)";
            return null;
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            problem = $"{Section}:Address: {address} means every interface; name the one address to listen on";
            return null;
        }

        if (Port(section, "SiloPort", defaults.SiloPort, ref problem) is not { } siloPort
            || Port(section, "GatewayPort", defaults.GatewayPort, ref problem) is not { } gatewayPort)
        {
            return null;
        }

        if (siloPort == gatewayPort)
        {
            problem = $"{Section}: SiloPort and GatewayPort are both {siloPort}; they must differ";
            return null;
        }

        var allow = false;
        if (section["AllowUnauthenticated"] is { } flag && !bool.TryParse(flag.Trim(), out allow))
        {
            problem = $"{Section}:AllowUnauthenticated: \"{Shorten(flag)}\" is not true or false";
            return null;
        }

        if (!IPAddress.IsLoopback(address) && !allow)
        {
            problem = $"{Section}:Address {address} is not a loopback address. The silo and gateway endpoints are unauthenticated: " +
                $"anyone who reaches {address} can call every grain, e.g. change the district limit. To listen there anyway, " +
                $"also set {Section}:AllowUnauthenticated=true (serve --allow-unauthenticated)";
            return null;
        }

        return new ListenSettings(address, siloPort, gatewayPort, allow);
    }

    private static int? Port(IConfigurationSection section, string key, int fallback, ref string? problem)
    {
        if (section[key] is not { } text) return fallback;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535) return port;
        problem = $"{Section}:{key}: \"{Shorten(text)}\" is not a port from 1 to 65535";
        return null;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
