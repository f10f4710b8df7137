using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Sems.Gateway.Tests.Grpc;

/// <summary>The standard services beside sems.v1: grpc.health.v1.Health answers SERVING, server reflection lists and describes the API.</summary>
public sealed class HealthAndReflectionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan ReadGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Health_check_answers_serving_without_a_token()
    {
        var health = new Health.HealthClient(fixture.Channel(null));

        var response = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_three_sems_services_and_describes_grid_constraints()
    {
        var reflection = new ServerReflection.ServerReflectionClient(fixture.Channel(null));
        using var guard = new CancellationTokenSource(ReadGuard);
        using var call = reflection.ServerReflectionInfo(cancellationToken: guard.Token);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(guard.Token));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "sems.v1.GridConstraints" });
        Assert.True(await call.ResponseStream.MoveNext(guard.Token));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes)).ToList();
        await call.RequestStream.CompleteAsync();

        Assert.Superset(new HashSet<string> { "sems.v1.GridConstraints", "sems.v1.Telemetry", "sems.v1.Districts", "grpc.health.v1.Health" }, services.ToHashSet());
        var grid = files.Single(f => f.Name == "sems/v1/grid_constraints.proto");
        Assert.Equal("sems.v1", grid.Package);
        Assert.Equal(
            ["GetStatus", "SetLimit", "ListLimits", "CancelLimit", "WatchStatus", "GetFlexibility"],
            grid.Service.Single(s => s.Name == "GridConstraints").Method.Select(m => m.Name));
    }
}
