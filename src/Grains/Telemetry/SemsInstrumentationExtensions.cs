using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sems.Grains.Telemetry;

/// <summary>Registers the grains' instrumentation in a silo's services.</summary>
public static class SemsInstrumentationExtensions
{
    /// <summary>
    /// Registers <see cref="SemsInstrumentation"/> as a singleton whose meter comes from the host's
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (added when missing). Idempotent.
    /// </summary>
    public static IServiceCollection AddSemsInstrumentation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton<SemsInstrumentation>();
        return services;
    }
}
