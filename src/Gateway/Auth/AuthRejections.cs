using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Sems.Gateway.Auth;

/// <summary>
/// Every call the API refuses for its credentials: logged as a warning (principal, reason, operation) and counted
/// in the counter <c>sems.auth.rejected</c> of the meter "Sems.Gateway", tagged with the reason and the operation.
/// </summary>
public sealed partial class AuthRejections
{
    /// <summary>The meter the counter belongs to.</summary>
    public const string MeterName = "Sems.Gateway";

    /// <summary>The counter of rejected calls.</summary>
    public const string CounterName = "sems.auth.rejected";

    /// <summary>No bearer token (or no authorization header of the Bearer kind).</summary>
    public const string MissingToken = "missing_token";

    /// <summary>A token that does not validate: malformed, a bad signature, the wrong issuer or audience, not yet valid.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>A token past its <c>exp</c> (beyond the clock skew).</summary>
    public const string ExpiredToken = "expired_token";

    /// <summary>A valid token that does not grant the scope the call needs.</summary>
    public const string MissingScope = "missing_scope";

    /// <summary>A valid token whose districts do not include the one the call touches.</summary>
    public const string OtherDistrict = "other_district";

    /// <summary>Every reason, in the order above.</summary>
    public static IReadOnlyList<string> Reasons { get; } = [MissingToken, InvalidToken, ExpiredToken, MissingScope, OtherDistrict];

    /// <summary>The principal logged when the call names none.</summary>
    public const string Anonymous = "anonymous";

    private readonly ILogger<AuthRejections> _logger;
    private readonly Counter<long> _counter;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public AuthRejections(ILogger<AuthRejections> logger, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _logger = logger;
        _counter = meterFactory.Create(MeterName).CreateCounter<long>(CounterName, "{call}", "Calls the API refused for their credentials, by reason and operation");
    }

    /// <summary>Logs and counts one refused call of <paramref name="operation"/> by <paramref name="principal"/> for <paramref name="reason"/>.</summary>
    public void Reject(string principal, string reason, string operation)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(operation);
        _counts.AddOrUpdate(reason, 1, (_, count) => count + 1);
        _counter.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("operation", operation));
        Rejected(_logger, TokenIssuer.Printable(principal), reason, TokenIssuer.Printable(operation));
    }

    /// <summary>How many calls were refused for <paramref name="reason"/> since this instance was made.</summary>
    public long Count(string reason) => _counts.TryGetValue(reason, out var count) ? count : 0;

    /// <summary>The reason for a failed token validation: <see cref="ExpiredToken"/> or <see cref="InvalidToken"/>; <see cref="MissingToken"/> for none.</summary>
    public static string ReasonFor(Exception? failure) => failure switch
    {
        null => MissingToken,
        SecurityTokenExpiredException => ExpiredToken,
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => e is SecurityTokenExpiredException) => ExpiredToken,
        _ => InvalidToken,
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rejected {Operation} of {Principal}: {Reason}")]
    private static partial void Rejected(ILogger logger, string principal, string reason, string operation);
}
