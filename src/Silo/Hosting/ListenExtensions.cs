using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Sems.Silo.Hosting;

/// <summary>Binds a silo's Orleans endpoints to <see cref="ListenSettings"/>.</summary>
public static class ListenExtensions
{
    /// <summary>
    /// Makes the silo advertise and listen on <paramref name="listen"/> only. Applied after every other configuration
    /// of <see cref="EndpointOptions"/> (an "Orleans:Endpoints" section, a clustering provider's defaults), so nothing
    /// else can widen the binding to the machine's network address.
    /// </summary>
    public static ISiloBuilder ListenOn(this ISiloBuilder silo, ListenSettings listen)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(listen);
        silo.Services.PostConfigure<EndpointOptions>(options =>
        {
            options.AdvertisedIPAddress = listen.Address;
            options.SiloPort = listen.SiloPort;
            options.GatewayPort = listen.GatewayPort;
            options.SiloListeningEndpoint = listen.SiloEndpoint;
            options.GatewayListeningEndpoint = listen.GatewayEndpoint;
        });
        return silo;
    }
}
