using Sems.Contracts.History;
using Sems.Silo.Cli;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// <c>sems history</c> and <c>sems db init</c> against fakes of the store: option validation (exit 2 naming the
/// option), what is asked of the store, and the table and JSON lines printed for hand-built records.
/// </summary>
public sealed class HistoryCommandTests
{
    private const string Conn = "Host=db.invalid;Database=sems";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CliRun History(FakeHistory store, params string[] more) =>
        CliRun.Invoke(store.Backends, ["history", "--connection", Conn, "--district", "north", .. more]);

    [Theory]
    [InlineData("--from", "yesterday", "--from: \"yesterday\" is not an ISO 8601 timestamp")]
    [InlineData("--to", "2025-13-01", "--to: \"2025-13-01\" is not an ISO 8601 timestamp")]
    [InlineData("--kind", "plan", "plan")]
    [InlineData("--limit", "0", "--limit: 0 is out of range; it must be from 1 to 100000")]
    [InlineData("--limit", "100001", "--limit: 100001 is out of range; it must be from 1 to 100000")]
    [InlineData("--limit", "many", "--limit: \"many\" is not a whole number")]
    public void Invalid_options_exit_2_naming_the_option_and_the_store_is_not_asked(string option, string value, string message)
    {
        var store = new FakeHistory([]);
        var run = History(store, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
        Assert.Null(store.Query);
    }

    [Theory]
    [InlineData("2025-03-01T12:00:00Z", "2025-03-01T12:00:00Z")]
    [InlineData("2025-03-02T00:00:00Z", "2025-03-01T00:00:00Z")]
    [InlineData("2025-03-01T13:00:00+01:00", "2025-03-01T12:00:00Z")]
    public void From_not_before_to_exits_2(string from, string to)
    {
        var store = new FakeHistory([]);
        var run = History(store, "--from", from, "--to", to);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--from: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not before --to", run.Stderr, StringComparison.Ordinal);
        Assert.Null(store.Query);
    }

    [Fact]
    public void A_missing_district_exits_2_naming_it()
    {
        var run = CliRun.Invoke(new FakeHistory([]).Backends, "history", "--connection", Conn);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--district", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_query_carries_the_district_kind_range_and_limit_as_given()
    {
        var store = new FakeHistory([]);
        var run = History(store, "--kind", "limits", "--from", "2025-03-01T00:00:00+01:00", "--to", "2025-03-02", "--limit", "25");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Conn, store.Connection);
        var (district, kind, from, to, limit) = store.Query!.Value;
        Assert.Equal("north", district);
        Assert.Equal(HistoryKind.LimitChange, kind);
        Assert.Equal(new DateTimeOffset(2025, 2, 28, 23, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero), to);
        Assert.Equal(25, limit);
        Assert.Equal("no records of district \"north\" in that range" + Environment.NewLine, run.Stdout);
    }

    [Theory]
    [InlineData("setpoints", HistoryKind.Setpoint)]
    [InlineData("plans", HistoryKind.Plan)]
    [InlineData("reports", HistoryKind.Report)]
    [InlineData("measurements", HistoryKind.Measurement)]
    [InlineData("forecasts", HistoryKind.Forecast)]
    [InlineData("limits", HistoryKind.LimitChange)]
    [InlineData("audit", HistoryKind.Audit)]
    public void Every_kind_name_selects_its_kind(string name, HistoryKind kind)
    {
        var store = new FakeHistory([]);
        Assert.Equal(0, History(store, "--kind", name).ExitCode);
        Assert.Equal(kind, store.Query!.Value.Kind);
    }

    [Fact]
    public void Without_kind_and_range_all_kinds_are_asked_for_with_the_default_limit()
    {
        var store = new FakeHistory([]);
        Assert.Equal(0, History(store).ExitCode);
        Assert.Equal(("north", (HistoryKind?)null, (DateTimeOffset?)null, (DateTimeOffset?)null, 1000), store.Query!.Value);
    }

    [Fact]
    public void The_table_shows_time_kind_cycle_subject_and_values_with_units()
    {
        var store = new FakeHistory(Records());
        var run = History(store);
        Assert.Equal(0, run.ExitCode);
        // Columns: time 16 wide, kind 11 ("measurement"), cycle 5 right-aligned, subject 12 ("ev/charger-1"), 2 spaces between.
        string[] expected =
        [
            "time (UTC)        kind         cycle  subject       what",
            "2025-03-01 12:00  measurement         heat/store    temperature = 61.50 °C",
            "2025-03-01 12:00  measurement         heat/store    temperature = 200.00 °C, rejected: above the plausible range",
            "2025-03-01 12:00  forecast         4  heat          demand: 3 values every 15 min, 10.00 to 12.50",
            "2025-03-01 12:00  plan             4  heat          resolved Optimal, objective 12.346, draw electricity 45.00 kW at step 0",
            "2025-03-01 12:00  setpoint         4  ev/charger-1  chargeKw 7.40 kW until 2025-03-01 12:15 (plan)",
            "2025-03-01 12:00  report           4  north         coordinated: 2 rounds, 1 re-solve, violation electricity 1.250 → 0.000 kWh, 3 set-points, 84.6 ms",
            "2025-03-01 12:05  limit            5  electricity   70.00 kW at step 0, max 80.00 kW over 2 steps, by dso",
            "7 records of district \"north\"",
        ];
        Assert.Equal(expected, run.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_table_cut_at_the_limit_says_so()
    {
        var run = History(new FakeHistory(Records()), "--limit", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("2 records of district \"north\" (the limit; --limit N shows more)" + Environment.NewLine, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_prints_one_object_per_record_kind_first_then_the_fields_in_contract_order()
    {
        var store = new FakeHistory(Records());
        var run = History(store, "--json");
        Assert.Equal(0, run.ExitCode);
        string[] expected =
        [
            """{"kind":"measurement","district":"north","at":"2025-03-01T12:00:00+00:00","subsystem":"heat","asset":"store","quantity":"temperature","values":[61.5],"unit":"°C","receivedAt":"2025-03-01T12:00:03+00:00","accepted":true,"reason":null}""",
            """{"kind":"measurement","district":"north","at":"2025-03-01T12:00:00+00:00","subsystem":"heat","asset":"store","quantity":"temperature","values":[200],"unit":"°C","receivedAt":"2025-03-01T12:00:03+00:00","accepted":false,"reason":"above the plausible range"}""",
            """{"kind":"forecast","district":"north","at":"2025-03-01T12:00:00+00:00","subsystem":"heat","cycle":4,"series":"demand","stepMinutes":15,"values":[10,11,12.5]}""",
            """{"kind":"plan","district":"north","at":"2025-03-01T12:00:00+00:00","subsystem":"heat","cycle":4,"stage":"resolved","status":"Optimal","accepted":true,"objective":12.3456,"energyTerm":10,"storageTerm":2,"comfortTerm":0.3456,"factorTotals":{"cost":10},"drawKw":{"electricity":[45,40]},"stepMinutes":15}""",
            """{"kind":"setpoint","district":"north","at":"2025-03-01T12:00:00+00:00","subsystem":"ev","asset":"charger-1","cycle":4,"validUntil":"2025-03-01T12:15:00+00:00","values":{"chargeKw":7.4},"source":"plan"}""",
            """{"kind":"report","district":"north","at":"2025-03-01T12:00:00+00:00","cycle":4,"mode":"coordinated","missed":false,"rounds":2,"resolves":1,"limitKw":{"electricity":[70,70]},"drawBeforeKw":{"electricity":[80,75]},"drawAfterKw":{"electricity":[70,70]},"excessBeforeKw":{"electricity":[10,5]},"excessAfterKw":{"electricity":[0,0]},"violationBeforeKwh":{"electricity":1.25},"violationAfterKwh":{"electricity":0},"subsystems":[{"subsystem":"heat","priority":1,"status":"Optimal","outcome":"tightened","reason":null}],"setpointsCommitted":3,"wallMs":84.6,"stepMinutes":15}""",
            """{"kind":"limit","district":"north","at":"2025-03-01T12:05:00+00:00","resource":"electricity","fromCycle":5,"valuesKw":[70,80],"source":"dso"}""",
        ];
        Assert.Equal(expected, run.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_audit_table_shows_who_the_action_the_version_the_detail_and_the_request()
    {
        var store = new FakeHistory(AuditRecords());
        var run = History(store, "--kind", "audit");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(HistoryKind.Audit, store.Query!.Value.Kind);
        // Columns: time 16 wide, kind 5 ("audit"), cycle 5 (empty, right-aligned), subject 10 ("Zoë Ørsted"), 2 spaces
        // between. A newline in the detail is shown as \n, so the entry stays on its line.
        string[] expected =
        [
            "time (UTC)        kind   cycle  subject     what",
            "2025-03-01 12:10  audit         dso-north   limit.set, version 8: electricity from cycle 5: 70 kW → 60 kW (request req-0001)",
            "2025-03-01 12:12  audit         Zoë Ørsted  district.put, version 5000000000: 3 subsystems (request req-0002)",
            "2025-03-01 12:20  audit         ops         district.stop, version 9: stopped for\\nmaintenance (request req-0003)",
            "3 records of district \"north\"",
        ];
        Assert.Equal(expected, run.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Audit_json_prints_who_when_what_and_version_with_the_exact_text()
    {
        var run = History(new FakeHistory(AuditRecords()), "--kind", "audit", "--json");
        Assert.Equal(0, run.ExitCode);
        string[] expected =
        [
            """{"kind":"audit","district":"north","at":"2025-03-01T12:10:00+00:00","principal":"dso-north","action":"limit.set","version":8,"detail":"electricity from cycle 5: 70 kW → 60 kW","requestId":"req-0001"}""",
            """{"kind":"audit","district":"north","at":"2025-03-01T12:12:00+00:00","principal":"Zoë Ørsted","action":"district.put","version":5000000000,"detail":"3 subsystems","requestId":"req-0002"}""",
            """{"kind":"audit","district":"north","at":"2025-03-01T12:20:00+00:00","principal":"ops","action":"district.stop","version":9,"detail":"stopped for\nmaintenance","requestId":"req-0003"}""",
        ];
        Assert.Equal(expected, run.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Without_a_connection_string_history_exits_2_saying_where_one_comes_from()
    {
        if (Environment.GetEnvironmentVariable("SEMS_ConnectionStrings__sems") is not null) return;
        var store = new FakeHistory([]);
        var run = CliRun.Invoke(store.Backends, "history", "--district", "north");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--connection", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("SEMS_ConnectionStrings__sems", run.Stderr, StringComparison.Ordinal);
        Assert.Null(store.Query);
    }

    [Fact]
    public void A_store_that_cannot_be_read_exits_3()
    {
        var store = new FakeHistory([]) { Failure = new TimeoutException("no answer in 15 s") };
        var run = History(store);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("the database cannot be read: no answer in 15 s", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_exits_2_without_echoing_it()
    {
        var run = CliRun.Invoke("history", "--connection", "Host=127.0.0.1;Password=secret-word;Bogus Key=1", "--district", "north");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("sems: history: the connection string is not valid", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-word", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Db_init_prints_the_migrations_it_applied()
    {
        var store = new FakeHistory([]) { Migrations = ["0001_schema", "0002_history"] };
        var run = CliRun.Invoke(store.Backends, "db", "init", "--connection", Conn);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Conn, store.Connection);
        Assert.Equal($"sems: applied 2 migrations:{Environment.NewLine}  0001_schema{Environment.NewLine}  0002_history{Environment.NewLine}", run.Stdout);
    }

    [Fact]
    public void Db_init_on_a_current_schema_applies_nothing()
    {
        var run = CliRun.Invoke(new FakeHistory([]).Backends, "db", "init", "--connection", Conn);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("up to date", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Db_init_failing_to_reach_the_database_exits_3()
    {
        var failing = CliRun.Invoke(new FakeHistory([]) { Failure = new IOException("connection refused") }.Backends, "db", "init", "--connection", Conn);
        Assert.Equal(3, failing.ExitCode);
        Assert.Contains("connection refused", failing.Stderr, StringComparison.Ordinal);

        // The real migrator against a port where nothing listens: an I/O failure too.
        var refused = CliRun.Invoke("db", "init", "--connection", "Host=127.0.0.1;Port=1;Username=sems;Password=sems;Timeout=2");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("sems: db init: the database cannot be migrated", refused.Stderr, StringComparison.Ordinal);
    }

    private static HistoryRecord[] Records() =>
    [
        new MeasurementRecord("north", T0, "heat", "store", "temperature", [61.5], "°C", T0.AddSeconds(3), true, null),
        new MeasurementRecord("north", T0, "heat", "store", "temperature", [200], "°C", T0.AddSeconds(3), false, "above the plausible range"),
        new ForecastRecord("north", T0, "heat", 4, "demand", 15, [10, 11, 12.5]),
        new PlanRecord("north", T0, "heat", 4, "resolved", "Optimal", true, 12.3456, 10, 2, 0.3456,
            new Dictionary<string, double> { ["cost"] = 10 },
            new Dictionary<string, IReadOnlyList<double>> { ["electricity"] = [45, 40] }, 15),
        new SetpointRecord("north", T0, "ev", "charger-1", 4, T0.AddMinutes(15), new Dictionary<string, double> { ["chargeKw"] = 7.4 }, "plan"),
        new ReportRecord("north", T0, 4, "coordinated", false, 2, 1,
            Profile(70, 70), Profile(80, 75), Profile(70, 70), Profile(10, 5), Profile(0, 0),
            new Dictionary<string, double> { ["electricity"] = 1.25 },
            new Dictionary<string, double> { ["electricity"] = 0 },
            [new SubsystemOutcomeRecord("heat", 1, "Optimal", "tightened", null)], 3, 84.6, 15),
        new LimitChangeRecord("north", T0.AddMinutes(5), "electricity", 5, [70, 80], "dso"),
    ];

    private static HistoryRecord[] AuditRecords() =>
    [
        new AuditRecord("north", T0.AddMinutes(10), "dso-north", AuditActions.LimitSet, 8, "electricity from cycle 5: 70 kW → 60 kW", "req-0001"),
        new AuditRecord("north", T0.AddMinutes(12), "Zoë Ørsted", AuditActions.DistrictPut, 5_000_000_000, "3 subsystems", "req-0002"),
        new AuditRecord("north", T0.AddMinutes(20), "ops", AuditActions.DistrictStop, 9, "stopped for\nmaintenance", "req-0003"),
    ];

    private static Dictionary<string, IReadOnlyList<double>> Profile(params double[] kw) => new() { ["electricity"] = kw };
}
