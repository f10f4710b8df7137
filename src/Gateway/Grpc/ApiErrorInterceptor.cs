using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Sems.Gateway.Api;

namespace Sems.Gateway.Grpc;

/// <summary>
/// Turns an <see cref="ApiException"/> into the contract's error: the status code with a google.rpc.Status whose
/// details carry a google.rpc.BadRequest listing every field violation (Grpc.StatusProto puts it in the
/// grpc-status-details-bin trailer).
/// </summary>
public sealed class ApiErrorInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (ApiException e)
        {
            throw ToRpc(e);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (ApiException e)
        {
            throw ToRpc(e);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (ApiException e)
        {
            throw ToRpc(e);
        }
    }

    public static RpcException ToRpc(ApiException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var status = new Google.Rpc.Status { Code = (int)e.Code, Message = e.Message };
        if (e.Violations.Count > 0)
        {
            var bad = new BadRequest();
            bad.FieldViolations.Add(e.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(bad));
        }

        return status.ToRpcException();
    }
}
