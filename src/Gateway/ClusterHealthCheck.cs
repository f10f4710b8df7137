using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sems.Contracts;

namespace Sems.Gateway;

/// <summary>Healthy when the cluster answers a grain call within 5 s (the gateway is useless without it).</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var districts = await grains.GetGrain<IDistrictDirectoryGrain>(IDistrictDirectoryGrain.Key).List().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"{districts.Length} district(s)");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the cluster does not answer: {e.Message}");
        }
    }
}
