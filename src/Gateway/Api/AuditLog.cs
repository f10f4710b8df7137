using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sems.Grains;
using Sems.Contracts.History;

namespace Sems.Gateway.Api;

/// <summary>
/// Every accepted change through the API (limit set or cancelled, district put, started, stopped): who, when, what and
/// which version, written to the history store's audit table and logged.
/// </summary>
public sealed partial class AuditLog(IHistorySink history, TimeProvider time, ILogger<AuditLog> logger,
    [FromKeyedServices(SemsGrainOptions.Clock)] TimeProvider? clock = null)
{
    public void Write(string district, string principal, string action, long version, string detail, string requestId)
    {
        // On the SEMS clock when co-hosted with a silo, so audit entries line up with the history the grains write.
        var at = (clock ?? time).GetUtcNow();
        history.Record(new AuditRecord(district, at, principal, action, version, detail, requestId));
        Accepted(logger, principal, action, district, version, detail);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Audit: {Principal} {Action} district {District} version {Version}: {Detail}")]
    private static partial void Accepted(ILogger logger, string principal, string action, string district, long version, string detail);
}
