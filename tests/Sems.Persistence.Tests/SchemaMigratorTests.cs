using Npgsql;
using Sems.Persistence.Schema;

namespace Sems.Persistence.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly string[] ClusteringKeys =
    [
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey", "UpdateMembershipKey",
        "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
        "CleanupDefunctSiloEntryKey",
    ];

    private static readonly string[] StorageKeys = ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    private static readonly string[] ReminderKeys =
    [
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static readonly string[] Tables =
    [
        "orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable",
        "sems_schema_version", "history_batch", "history_measurement", "history_forecast", "history_plan", "history_plan_draw",
        "history_setpoint", "history_report", "history_report_profile", "history_report_subsystem", "history_limit_change",
    ];

    private const string CatalogDump = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
          SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, '') AS line
            FROM information_schema.columns WHERE table_schema = 'public'
          UNION ALL SELECT p.proname || ':' || pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
          UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
          UNION ALL SELECT 'q:' || querykey || ':' || md5(querytext) FROM orleansquery
          UNION ALL SELECT 'v:' || version || ':' || name || ':' || checksum || ':' || applied_at FROM sems_schema_version
        ) dump
        """;

    [Fact]
    public async Task FirstRunCreatesEveryTableFunctionAndQueryKey()
    {
        var connection = await db.CreateDatabaseAsync();
        var result = await new SchemaMigrator().MigrateAsync(connection, CancellationToken.None);

        Assert.Equal(0, result.PreviousVersion);
        Assert.Equal(2, result.CurrentVersion);
        Assert.Equal(["0001_orleans", "0002_history"], result.Applied.Select(a => a.Name));
        var tables = await db.ColumnAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.All(Tables, t => Assert.Contains(t, tables));
        var functions = await db.ColumnAsync(connection, "SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'");
        Assert.Contains("sems_membership_insert", functions);
        Assert.Contains("sems_membership_update", functions);
        Assert.Contains("sems_storage_write", functions);
        var keys = await db.ColumnAsync(connection, "SELECT querykey FROM orleansquery");
        Assert.Equal(ClusteringKeys.Length + StorageKeys.Length + ReminderKeys.Length, keys.Count);
        Assert.All(ClusteringKeys.Concat(StorageKeys).Concat(ReminderKeys), k => Assert.Contains(k, keys));
        var indexes = await db.ColumnAsync(connection, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'");
        Assert.Contains(indexes, i => i.Contains("ux_orleansstorage_identity", StringComparison.Ordinal) && i.Contains("NULLS NOT DISTINCT", StringComparison.Ordinal));
        Assert.Contains(indexes, i => i.Contains("(serviceid, grainhash)", StringComparison.Ordinal));
        Assert.Contains(indexes, i => i.Contains("history_setpoint", StringComparison.Ordinal) && i.Contains("UNIQUE", StringComparison.Ordinal) && i.Contains("(district, subsystem, asset, cycle)", StringComparison.Ordinal));
        var timestampWithoutZone = await db.ColumnAsync(connection, "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'");
        Assert.Empty(timestampWithoutZone);
        var checksums = await db.ColumnAsync(connection, "SELECT checksum FROM sems_schema_version ORDER BY version");
        Assert.Equal(MigrationCatalog.All.Select(m => MigrationCatalog.Checksum(m.Sql)), checksums);
    }

    [Fact]
    public async Task SecondRunAppliesNothingAndLeavesTheCatalogUnchanged()
    {
        var connection = await db.CreateDatabaseAsync();
        var migrator = new SchemaMigrator();
        await migrator.MigrateAsync(connection, CancellationToken.None);
        var before = await db.ScalarAsync<string>(connection, CatalogDump);

        var second = await migrator.MigrateAsync(connection, CancellationToken.None);

        Assert.False(second.Changed);
        Assert.Empty(second.Applied);
        Assert.Equal(2, second.PreviousVersion);
        Assert.Equal(2, second.CurrentVersion);
        Assert.Contains("nothing applied", second.Summary, StringComparison.Ordinal);
        Assert.Equal(before, await db.ScalarAsync<string>(connection, CatalogDump));
    }

    [Fact]
    public async Task ConcurrentRunsApplyEachMigrationOnce()
    {
        var connection = await db.CreateDatabaseAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SchemaMigrator().MigrateAsync(connection, CancellationToken.None))));

        Assert.Single(results, r => r.Changed);
        Assert.Equal(2, results.Single(r => r.Changed).Applied.Count);
        Assert.All(results, r => Assert.Equal(2, r.CurrentVersion));
        Assert.Equal(2L, await db.ScalarAsync<long>(connection, "SELECT count(*) FROM sems_schema_version"));
    }

    [Fact]
    public async Task PendingMigrationIsAppliedOnTopOfAnOlderSchema()
    {
        var connection = await db.CreateDatabaseAsync();
        var migrator = new SchemaMigrator();
        var first = await migrator.MigrateAsync(connection, MigrationCatalog.All.Take(1).ToList(), CancellationToken.None);
        Assert.Equal(1, first.CurrentVersion);
        Assert.True(await db.ScalarAsync<bool>(connection, "SELECT to_regclass('history_setpoint') IS NULL"));

        var second = await migrator.MigrateAsync(connection, CancellationToken.None);

        Assert.Equal(1, second.PreviousVersion);
        Assert.Equal(["0002_history"], second.Applied.Select(a => a.Name));
        Assert.Equal("history_setpoint", await db.ScalarAsync<string>(connection, "SELECT to_regclass('history_setpoint')::text"));
    }

    [Fact]
    public async Task DatabaseNewerThanTheCodeIsRefusedAndLeftAlone()
    {
        var connection = await db.CreateDatabaseAsync();
        var migrator = new SchemaMigrator();
        await migrator.MigrateAsync(connection, MigrationCatalog.All.Take(1).ToList(), CancellationToken.None);
        await db.ScalarAsync<int>(connection, "INSERT INTO sems_schema_version (version, name, checksum) VALUES (7, '0007_future', 'x') RETURNING version");

        var refused = await Assert.ThrowsAsync<SchemaVersionException>(() => migrator.MigrateAsync(connection, CancellationToken.None));

        Assert.Equal(7, refused.DatabaseVersion);
        Assert.Equal(2, refused.CodeVersion);
        Assert.True(await db.ScalarAsync<bool>(connection, "SELECT to_regclass('history_setpoint') IS NULL"));
    }

    [Fact]
    public async Task ChangedScriptOfAnAppliedMigrationIsRefused()
    {
        var connection = await db.CreateDatabaseAsync();
        var migrator = new SchemaMigrator();
        await migrator.MigrateAsync(connection, MigrationCatalog.All.Take(1).ToList(), CancellationToken.None);
        var edited = MigrationCatalog.All.Select(m => m.Version == 1 ? m with { Checksum = MigrationCatalog.Checksum(m.Sql + "\n-- edited") } : m).ToList();

        await Assert.ThrowsAsync<SchemaVersionException>(() => migrator.MigrateAsync(connection, edited, CancellationToken.None));
        Assert.Equal(1L, await db.ScalarAsync<long>(connection, "SELECT count(*) FROM sems_schema_version"));
    }
}
