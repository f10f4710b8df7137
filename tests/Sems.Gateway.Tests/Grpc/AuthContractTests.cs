using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sems.Api.V1;
using Sems.Gateway.Auth;
using Xunit.Abstractions;

namespace Sems.Gateway.Tests.Grpc;

/// <summary>
/// Credentials over gRPC: no token, an invalid or expired token, a missing scope and another principal's district are
/// each refused with the contract's code, change nothing, and are counted once under their reason in
/// <c>sems.auth.rejected</c> (meter "Sems.Gateway"), read here through a <see cref="MeterListener"/> on this fixture's
/// meter factory only.
/// </summary>
public sealed class AuthContractTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private readonly Contract _c = new(fixture);

    [Fact]
    public async Task Every_kind_of_refusal_gets_its_code_changes_nothing_and_is_counted_under_its_reason()
    {
        var district = await _c.WorkedExample("auth-north");
        var t0 = _c.StepStart;
        await _c.Cycle(district);
        var counts = AuthRejections.Reasons.ToDictionary(r => r, _ => 0L);
        var factory = fixture.App.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == "Sems.Gateway" && instrument.Name == "sems.auth.rejected")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason") reason = tag.Value as string;
            }

            lock (counts) counts[reason ?? "(none)"] = counts.GetValueOrDefault(reason ?? "(none)") + value;
        });
        listener.Start();

        var status = new GetStatusRequest { District = district };
        var expiredToken = TokenIssuer.Mint(fixture.AuthOptions, "dso-late", SemsScopes.All, [district], TimeSpan.FromHours(1), new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2)));
        var otherKeyToken = TokenIssuer.Mint(new SemsAuthOptions { SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) }, "dso-forged", SemsScopes.All, [district], TimeSpan.FromHours(1), TimeProvider.System);

        await Expect(StatusCode.Unauthenticated, () => _c.Grid(null).GetStatusAsync(status).ResponseAsync);
        await Expect(StatusCode.Unauthenticated, () => _c.Grid("not.a-token").GetStatusAsync(status).ResponseAsync);
        await Expect(StatusCode.Unauthenticated, () => _c.Grid(otherKeyToken).GetStatusAsync(status).ResponseAsync);
        await Expect(StatusCode.Unauthenticated, () => _c.Grid(expiredToken).GetStatusAsync(status).ResponseAsync);

        // A token for set-points only may not read the status; one that reads may not set a limit.
        var setpointsOnly = fixture.Token("adapter-1", [SemsScopes.SetpointsRead], [district]);
        var e = await Expect(StatusCode.PermissionDenied, () => _c.Grid(setpointsOnly).GetStatusAsync(status).ResponseAsync);
        Assert.Contains(SemsScopes.StatusRead, e.Status.Detail, StringComparison.Ordinal);
        var readOnly = fixture.Token("dso-viewer", [SemsScopes.StatusRead], [district]);
        e = await Expect(StatusCode.PermissionDenied, () => _c.Grid(readOnly).SetLimitAsync(Contract.Limit(district, t0, 30, 90, 90)).ResponseAsync);
        Assert.Contains(SemsScopes.LimitsWrite, e.Status.Detail, StringComparison.Ordinal);

        // Every scope, but for another district: neither its status nor a new definition of it.
        var south = fixture.Token("dso-south", districts: ["auth-south"]);
        e = await Expect(StatusCode.PermissionDenied, () => _c.Grid(south).GetStatusAsync(status).ResponseAsync);
        Assert.Contains(district, e.Status.Detail, StringComparison.Ordinal);
        var changed = Contract.WorkedExampleJson(district, file => file["districtLimits"]!["electricity"] = 50);
        await Expect(StatusCode.PermissionDenied, () => _c.Districts(south).PutDistrictAsync(new PutDistrictRequest { DistrictJson = changed }).ResponseAsync);

        listener.Dispose();
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"auth rejections: {string.Join(' ', AuthRejections.Reasons.Select(r => $"{r}={counts[r]}"))}"));

        // One count per refused call, under its reason ("not.a-token" and the forged signature are both invalid tokens).
        Assert.Equal(
            new Dictionary<string, long> { ["missing_token"] = 1, ["invalid_token"] = 2, ["expired_token"] = 1, ["missing_scope"] = 2, ["other_district"] = 2 },
            counts);

        // Nothing changed: no limit version, the definition still version 1 with the 100 kW limit.
        var admin = _c.Token(district);
        Assert.Empty((await _c.Grid(admin).ListLimitsAsync(new ListLimitsRequest { District = district, IncludeSuperseded = true })).Limits);
        Assert.Equal(1, (await _c.Districts(admin).GetDistrictAsync(new GetDistrictRequest { District = district })).Version);
        Assert.Equal([100.0, 100, 100, 100], (await _c.Grid(admin).GetStatusAsync(status)).LimitKw);
    }

    [Fact]
    public async Task A_token_for_one_district_reads_it_and_only_it()
    {
        var north = await _c.WorkedExample("auth-only-north");
        await _c.WorkedExample("auth-only-south");
        await _c.Cycle(north);
        var token = fixture.Token("dso-north", [SemsScopes.StatusRead], [north]);

        Assert.Equal(north, (await _c.Grid(token).GetStatusAsync(new GetStatusRequest { District = north })).District);
        Assert.Equal([north], (await _c.Districts(token).ListDistrictsAsync(new ListDistrictsRequest())).Districts.Select(d => d.District));
        await Expect(StatusCode.PermissionDenied, () => _c.Grid(token).GetStatusAsync(new GetStatusRequest { District = "auth-only-south" }).ResponseAsync);
    }

    private static async Task<RpcException> Expect(StatusCode code, Func<Task> call)
    {
        var e = await Contract.Refused(call);
        Assert.Equal(code, e.StatusCode);
        return e;
    }
}
