using Grpc.Core;
using Sems.Api.V1;
using Sems.Gateway.Api;
using Sems.Gateway.Streams;

namespace Sems.Gateway.Grpc;

/// <summary>sems.v1.GridConstraints over gRPC: a thin adapter over <see cref="GridOperations"/> and <see cref="StatusStreams"/>.</summary>
public sealed class GridConstraintsService(GridOperations operations, StatusStreams streams) : GridConstraints.GridConstraintsBase
{
    public override Task<GridStatus> GetStatus(GetStatusRequest request, ServerCallContext context) =>
        operations.GetStatus(context.GetHttpContext().User, request);

    public override Task<SetLimitResponse> SetLimit(SetLimitRequest request, ServerCallContext context) =>
        operations.SetLimit(context.GetHttpContext().User, request);

    public override Task<ListLimitsResponse> ListLimits(ListLimitsRequest request, ServerCallContext context) =>
        operations.ListLimits(context.GetHttpContext().User, request);

    public override Task<LimitVersion> CancelLimit(CancelLimitRequest request, ServerCallContext context) =>
        operations.CancelLimit(context.GetHttpContext().User, request);

    public override Task<FlexibilityReport> GetFlexibility(GetFlexibilityRequest request, ServerCallContext context) =>
        operations.GetFlexibility(context.GetHttpContext().User, request);

    public override async Task WatchStatus(WatchStatusRequest request, IServerStreamWriter<StatusEvent> responseStream, ServerCallContext context)
    {
        try
        {
            await foreach (var e in streams.WatchStatus(context.GetHttpContext().User, request, context.CancellationToken))
                await responseStream.WriteAsync(e, context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // the client went away
        }
    }
}
