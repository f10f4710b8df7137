namespace Sems.Persistence.Schema;

/// <summary>One migration script shipped in this assembly: version (from the file name's leading number), name, SQL, SHA-256 of the SQL.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum);
