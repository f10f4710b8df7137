namespace Sems.Contracts.History;

/// <summary>
/// One entry of the audit log: a change an API caller made and SEMS accepted. <see cref="At"/> = when it was accepted;
/// <see cref="Principal"/> = who (the authenticated caller's name); <see cref="Action"/> = what, one of
/// <see cref="AuditActions"/> (<c>limit.set</c>, <c>limit.cancel</c>, <c>district.put</c>, <c>district.start</c>,
/// <c>district.stop</c>); <see cref="Version"/> = the version the change produced (the one the API returned);
/// <see cref="Detail"/> = the change in words (a summary, not the request body); <see cref="RequestId"/> = the API
/// request it came from. Nothing is validated here: the store keeps what it gets, and refuses (counts as rejected) a
/// record whose text is longer than the Max… lengths below, measured in Unicode characters, or holds a NUL character.
/// </summary>
public sealed record AuditRecord(
    string District,
    DateTimeOffset At,
    string Principal,
    string Action,
    long Version,
    string Detail,
    string RequestId) : HistoryRecord(District, At)
{
    /// <summary>The longest <see cref="HistoryRecord.District"/> the store keeps, in characters (district ids are 1–64 characters).</summary>
    public const int MaxDistrictLength = 64;

    /// <summary>The longest <see cref="Principal"/> the store keeps, in characters.</summary>
    public const int MaxPrincipalLength = 256;

    /// <summary>The longest <see cref="Action"/> the store keeps, in characters.</summary>
    public const int MaxActionLength = 32;

    /// <summary>The longest <see cref="Detail"/> the store keeps, in characters.</summary>
    public const int MaxDetailLength = 4096;

    /// <summary>The longest <see cref="RequestId"/> the store keeps, in characters.</summary>
    public const int MaxRequestIdLength = 128;

    public override HistoryKind Kind => HistoryKind.Audit;
}
