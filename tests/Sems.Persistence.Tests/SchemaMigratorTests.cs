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
        "sems_audit",
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
        Assert.Equal(3, result.CurrentVersion);
        Assert.Equal(["0001_orleans", "0002_history", "0003_audit"], result.Applied.Select(a => a.Name));
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
        Assert.Contains("CREATE INDEX ix_sems_audit_district_at ON public.sems_audit USING btree (district, at)", indexes);
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
        Assert.Equal(3, second.PreviousVersion);
        Assert.Equal(3, second.CurrentVersion);
        Assert.Contains("nothing applied", second.Summary, StringComparison.Ordinal);
        Assert.Equal(before, await db.ScalarAsync<string>(connection, CatalogDump));
    }

    [Fact]
    public async Task ConcurrentRunsApplyEachMigrationOnce()
    {
        var connection = await db.CreateDatabaseAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SchemaMigrator().MigrateAsync(connection, CancellationToken.None))));

        Assert.Single(results, r => r.Changed);
        Assert.Equal(3, results.Single(r => r.Changed).Applied.Count);
        Assert.All(results, r => Assert.Equal(3, r.CurrentVersion));
        Assert.Equal(3L, await db.ScalarAsync<long>(connection, "SELECT count(*) FROM sems_schema_version"));
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
        Assert.Equal(["0002_history", "0003_audit"], second.Applied.Select(a => a.Name));
        Assert.Equal("history_setpoint", await db.ScalarAsync<string>(connection, "SELECT to_regclass('history_setpoint')::text"));
    }

    /// <summary>The structure a migration leaves: columns, constraints, indexes, functions, query keys and the applied scripts (not when).</summary>
    private const string StructureDump = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
          SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, '') AS line
            FROM information_schema.columns WHERE table_schema = 'public'
          UNION ALL SELECT c.conrelid::regclass::text || ':' || c.conname || ':' || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
          UNION ALL SELECT p.proname || ':' || pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
          UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
          UNION ALL SELECT 'q:' || querykey || ':' || md5(querytext) FROM orleansquery
          UNION ALL SELECT 'v:' || version || ':' || name || ':' || checksum FROM sems_schema_version
        ) dump
        """;

    [Fact]
    public async Task AuditMigrationUpgradesADatabaseAtVersion2KeepingItsHistoryAndMatchesAFreshSchema()
    {
        var fresh = await db.CreateDatabaseAsync();
        await new SchemaMigrator().MigrateAsync(fresh, CancellationToken.None);
        var upgraded = await db.CreateDatabaseAsync();
        var migrator = new SchemaMigrator();
        Assert.Equal(2, (await migrator.MigrateAsync(upgraded, MigrationCatalog.All.Take(2).ToList(), CancellationToken.None)).CurrentVersion);
        Assert.True(await db.ScalarAsync<bool>(upgraded, "SELECT to_regclass('sems_audit') IS NULL"));
        await db.ScalarAsync<long>(upgraded, "INSERT INTO history_limit_change (district, at, resource, from_cycle, values_kw, source) VALUES ('d1', '2026-03-01T00:00:00Z', 'grid', 4, '{250,240}', 'dso') RETURNING id");

        var result = await migrator.MigrateAsync(upgraded, CancellationToken.None);

        Assert.Equal((2, 3), (result.PreviousVersion, result.CurrentVersion));
        Assert.Equal(["0003_audit"], result.Applied.Select(a => a.Name));
        Assert.Equal("Schema migrated from version 2 to 3: applied 0003_audit.", result.Summary);
        Assert.Equal(["d1 grid 4 {250,240} dso"], await db.ColumnAsync(upgraded, "SELECT district || ' ' || resource || ' ' || from_cycle || ' ' || values_kw::text || ' ' || source FROM history_limit_change"));
        Assert.Equal(await db.ScalarAsync<string>(fresh, StructureDump), await db.ScalarAsync<string>(upgraded, StructureDump));
        string[] columns =
        [
            "id:bigint:NO", "district:text:NO", "at:timestamp with time zone:NO", "principal:text:NO", "action:text:NO",
            "version:bigint:NO", "detail:text:NO", "request_id:text:NO",
        ];
        Assert.Equal(columns, await db.ColumnAsync(upgraded, "SELECT column_name || ':' || data_type || ':' || is_nullable FROM information_schema.columns WHERE table_name = 'sems_audit' ORDER BY ordinal_position"));
        string[] checks =
        [
            "CHECK ((char_length(action) <= 32))", "CHECK ((char_length(detail) <= 4096))", "CHECK ((char_length(district) <= 64))",
            "CHECK ((char_length(principal) <= 256))", "CHECK ((char_length(request_id) <= 128))",
        ];
        Assert.Equal(checks, await db.ColumnAsync(upgraded, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'sems_audit'::regclass AND contype = 'c' ORDER BY conname"));
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
        Assert.Equal(3, refused.CodeVersion);
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
