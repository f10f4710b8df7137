using Grpc.Core;
using Sems.Api.V1;
using Sems.Gateway.Api;
using Sems.Gateway.Streams;

namespace Sems.Gateway.Grpc;

/// <summary>sems.v1.Telemetry over gRPC: one ack per pushed batch, set-points on request and after every cycle.</summary>
public sealed class TelemetryService(TelemetryOperations operations, StatusStreams streams) : Sems.Api.V1.Telemetry.TelemetryBase
{
    public override async Task Push(IAsyncStreamReader<MeasurementBatch> requestStream, IServerStreamWriter<PushAck> responseStream, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
            await responseStream.WriteAsync(await operations.Push(user, batch), context.CancellationToken);
    }

    public override Task<SetpointList> GetSetpoints(GetSetpointsRequest request, ServerCallContext context) =>
        operations.GetSetpoints(context.GetHttpContext().User, request);

    public override async Task WatchSetpoints(WatchSetpointsRequest request, IServerStreamWriter<SetpointList> responseStream, ServerCallContext context)
    {
        try
        {
            await foreach (var list in streams.WatchSetpoints(context.GetHttpContext().User, request, context.CancellationToken))
                await responseStream.WriteAsync(list, context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // the client went away
        }
    }
}
