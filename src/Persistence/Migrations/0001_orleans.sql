-- SEMS schema 0001: the tables, functions and queries the Orleans ADO.NET providers (clustering, grain storage,
-- reminders) run on PostgreSQL. Every time is timestamptz (UTC in, UTC out, whatever the server's time zone), every
-- version is int32 because Orleans parses ETags with int.Parse. Names are unquoted lowercase: Orleans looks them up
-- unquoted.

-- The SQL Orleans runs, by key. Loaded once at silo/client start-up.
CREATE TABLE orleansquery (
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

-- Clustering: one version row per cluster (DeploymentId = ClusterId); membership changes are optimistic against it.
CREATE TABLE orleansmembershipversiontable (
    deploymentid varchar(150) NOT NULL PRIMARY KEY,
    changedat    timestamptz  NOT NULL DEFAULT now(),
    version      integer      NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port, generation). Status: 1 Created, 2 Joining, 3 Active,
-- 4 ShuttingDown, 5 Stopping, 6 Dead. There is no per-row version: the cluster's version row is the ETag.
CREATE TABLE orleansmembershiptable (
    deploymentid varchar(150) NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
    address      varchar(45)  NOT NULL,
    port         integer      NOT NULL,
    generation   integer      NOT NULL,
    siloname     varchar(150) NOT NULL,
    hostname     varchar(150) NOT NULL,
    status       integer      NOT NULL,
    proxyport    integer      NOT NULL DEFAULT 0,
    suspecttimes text         NULL,
    starttime    timestamptz  NOT NULL,
    iamalivetime timestamptz  NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Inserts a member only if the cluster's version still equals the one the caller read and the silo is new; then adds
-- 1 to the version. Returns 1 when inserted, 0 when nothing changed.
CREATE FUNCTION sems_membership_insert(
    p_deploymentid text, p_address text, p_port integer, p_generation integer, p_siloname text, p_hostname text,
    p_status integer, p_proxyport integer, p_starttime timestamptz, p_iamalivetime timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    current_version integer;
    inserted integer;
BEGIN
    SELECT version INTO current_version FROM orleansmembershipversiontable
     WHERE deploymentid = p_deploymentid FOR UPDATE;
    IF NOT FOUND OR current_version <> p_version THEN
        RETURN 0;
    END IF;
    INSERT INTO orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname, status, proxyport,
                                        suspecttimes, starttime, iamalivetime)
    VALUES (p_deploymentid, p_address, p_port, p_generation, p_siloname, p_hostname, p_status, coalesce(p_proxyport, 0),
            NULL, p_starttime, p_iamalivetime)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS inserted = ROW_COUNT;
    IF inserted = 0 THEN
        RETURN 0;
    END IF;
    UPDATE orleansmembershipversiontable SET version = version + 1, changedat = now() WHERE deploymentid = p_deploymentid;
    RETURN 1;
END
$$;

-- Updates a member's status, suspicion votes and liveness only if the version matches and the row exists; then adds
-- 1 to the version. Returns 1 when updated, 0 when nothing changed (the version does not move either).
CREATE FUNCTION sems_membership_update(
    p_deploymentid text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspecttimes text, p_iamalivetime timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    current_version integer;
    updated integer;
BEGIN
    SELECT version INTO current_version FROM orleansmembershipversiontable
     WHERE deploymentid = p_deploymentid FOR UPDATE;
    IF NOT FOUND OR current_version <> p_version THEN
        RETURN 0;
    END IF;
    UPDATE orleansmembershiptable
       SET status = p_status, suspecttimes = p_suspecttimes, iamalivetime = p_iamalivetime
     WHERE deploymentid = p_deploymentid AND address = p_address AND port = p_port AND generation = p_generation;
    GET DIAGNOSTICS updated = ROW_COUNT;
    IF updated = 0 THEN
        RETURN 0;
    END IF;
    UPDATE orleansmembershipversiontable SET version = version + 1, changedat = now() WHERE deploymentid = p_deploymentid;
    RETURN 1;
END
$$;

-- Grain storage. The identity is (serviceid, graintypestring = state name, grainidn0, grainidn1,
-- grainidextensionstring); the hashes only narrow the lookup index. The unique index makes concurrent first writes
-- of one identity insert exactly once (NULLS NOT DISTINCT: a NULL extension is one identity, PostgreSQL 15+).
CREATE TABLE orleansstorage (
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL DEFAULT now(),
    version                integer      NULL
);
CREATE INDEX ix_orleansstorage_hashes ON orleansstorage (grainidhash, graintypehash);
CREATE UNIQUE INDEX ux_orleansstorage_identity
    ON orleansstorage (serviceid, graintypestring, grainidn0, grainidn1, grainidextensionstring) NULLS NOT DISTINCT;

-- Writes a grain's state. A NULL version is a first write: insert with version 1 unless the identity exists. Otherwise
-- replace the payload and add 1 to the version only if the stored version matches. Returns the new version, or NULL on
-- a conflict (Orleans then throws InconsistentStateException).
CREATE FUNCTION sems_storage_write(
    p_grainidhash integer, p_grainidn0 bigint, p_grainidn1 bigint, p_graintypehash integer, p_graintypestring text,
    p_grainidextensionstring text, p_serviceid text, p_grainstateversion integer, p_payloadbinary bytea)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    new_version integer;
BEGIN
    IF p_grainstateversion IS NULL THEN
        INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                                    grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
        VALUES (p_grainidhash, p_grainidn0, p_grainidn1, p_graintypehash, p_graintypestring,
                p_grainidextensionstring, p_serviceid, p_payloadbinary, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO new_version;
        RETURN new_version;
    END IF;
    UPDATE orleansstorage
       SET payloadbinary = p_payloadbinary, version = version + 1, modifiedon = now()
     WHERE grainidhash = p_grainidhash AND graintypehash = p_graintypehash
       AND serviceid = p_serviceid AND graintypestring = p_graintypestring
       AND grainidn0 = p_grainidn0 AND grainidn1 = p_grainidn1
       AND grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
       AND version = p_grainstateversion
    RETURNING version INTO new_version;
    RETURN new_version;
END
$$;

-- Reminders. grainid is the full grain id text (exact); grainhash is the ring hash as a signed int.
CREATE TABLE orleansreminderstable (
    serviceid    varchar(150)  NOT NULL,
    grainid      varchar(1024) NOT NULL,
    remindername varchar(150)  NOT NULL,
    starttime    timestamptz   NOT NULL,
    period       bigint        NOT NULL,
    grainhash    integer       NOT NULL,
    version      integer       NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);
CREATE INDEX ix_orleansreminderstable_hash ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES
-- clustering
('InsertMembershipVersionKey',
 'WITH created AS (INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId) ON CONFLICT (deploymentid) DO NOTHING RETURNING 1) SELECT count(*)::integer FROM created;'),
('MembershipReadAllKey',
 'SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version FROM orleansmembershipversiontable v LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid WHERE v.deploymentid = @DeploymentId;'),
('MembershipReadRowKey',
 'SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime, v.version FROM orleansmembershipversiontable v LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation WHERE v.deploymentid = @DeploymentId;'),
('InsertMembershipKey',
 'SELECT sems_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey',
 'SELECT sems_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);'),
('UpdateIAmAlivetimeKey',
 'UPDATE orleansmembershiptable SET iamalivetime = @IAmAliveTime WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),
('GatewaysQueryKey',
 'SELECT address, proxyport, generation FROM orleansmembershiptable WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;'),
('DeleteMembershipTableEntriesKey',
 'DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId; DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;'),
('CleanupDefunctSiloEntriesKey',
 'DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status <> 3;'),
('CleanupDefunctSiloEntryKey',
 'DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation AND status = 6 AND suspecttimes IS NOT DISTINCT FROM @SuspectTimes AND starttime = @StartTime AND iamalivetime = @IAmAliveTime;'),
-- grain storage
('ReadFromStorageKey',
 'SELECT payloadbinary, version FROM orleansstorage WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId AND graintypestring = @GrainTypeString AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;'),
('WriteToStorageKey',
 'SELECT sems_storage_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary) AS newgrainstateversion;'),
('ClearStorageKey',
 'UPDATE orleansstorage SET payloadbinary = NULL, version = version + 1, modifiedon = now() WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId AND graintypestring = @GrainTypeString AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString AND version = @GrainStateVersion RETURNING version;'),
('DeleteStorageKey',
 'DELETE FROM orleansstorage WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId AND graintypestring = @GrainTypeString AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString AND version = @GrainStateVersion RETURNING version + 1;'),
-- reminders
('ReadReminderRowsKey',
 'SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable WHERE serviceid = @ServiceId AND grainid = @GrainId;'),
('ReadReminderRowKey',
 'SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;'),
('ReadRangeRows1Key',
 'SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash;'),
('ReadRangeRows2Key',
 'SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash);'),
('UpsertReminderRowKey',
 'INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version) VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0) ON CONFLICT (serviceid, grainid, remindername) DO UPDATE SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash, version = orleansreminderstable.version + 1 RETURNING version;'),
('DeleteReminderRowKey',
 'WITH deleted AS (DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = @Version RETURNING 1) SELECT count(*)::integer FROM deleted;'),
('DeleteReminderRowsKey',
 'DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;');
