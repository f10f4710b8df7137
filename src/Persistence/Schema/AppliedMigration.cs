namespace Sems.Persistence.Schema;

/// <summary>A migration as recorded in the database's schema version table.</summary>
public sealed record AppliedMigration(int Version, string Name, string Checksum, DateTimeOffset AppliedAt);
