using Sems.Contracts.History;

namespace Sems.Persistence.History;

/// <summary>
/// What <c>sems_audit</c>'s constraints refuse, for the in-memory store to refuse the same records: a missing text, a
/// NUL character (PostgreSQL's text cannot hold one), or a text longer than its AuditRecord.Max…Length in Unicode
/// characters (code points, as PostgreSQL's char_length counts them).
/// </summary>
internal static class AuditRecordLimits
{
    /// <summary>Why the store refuses <paramref name="record"/>, or null when it keeps it.</summary>
    public static string? Problem(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Check("district", record.District, AuditRecord.MaxDistrictLength)
            ?? Check("principal", record.Principal, AuditRecord.MaxPrincipalLength)
            ?? Check("action", record.Action, AuditRecord.MaxActionLength)
            ?? Check("detail", record.Detail, AuditRecord.MaxDetailLength)
            ?? Check("requestId", record.RequestId, AuditRecord.MaxRequestIdLength);
    }

    private static string? Check(string field, string? value, int maxCharacters)
    {
        if (value is null) return $"{field} is missing";
        if (value.Contains('\0', StringComparison.Ordinal)) return $"{field} holds a NUL character";
        var characters = 0;
        foreach (var _ in value.EnumerateRunes()) characters++;
        return characters > maxCharacters ? $"{field} is {characters} characters long, more than {maxCharacters}" : null;
    }
}
