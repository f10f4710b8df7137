namespace Sems.Persistence.Schema;

/// <summary>What <see cref="SchemaMigrator.MigrateAsync"/> did: the version before and after, and the migrations it applied (empty: nothing changed).</summary>
public sealed record MigrationResult(int PreviousVersion, int CurrentVersion, IReadOnlyList<AppliedMigration> Applied)
{
    public bool Changed => Applied.Count > 0;

    /// <summary>One line for the command line: what was applied, or that the schema was already current.</summary>
    public string Summary => Changed
        ? $"Schema migrated from version {PreviousVersion} to {CurrentVersion}: applied {string.Join(", ", Applied.Select(a => a.Name))}."
        : $"Schema is up to date at version {CurrentVersion}; nothing applied.";
}
