using Grpc.Core;
using Sems.Api.V1;
using Sems.Gateway.Api;

namespace Sems.Gateway.Grpc;

/// <summary>sems.v1.Districts over gRPC: a thin adapter over <see cref="DistrictOperations"/>.</summary>
public sealed class DistrictsService(DistrictOperations operations) : Districts.DistrictsBase
{
    public override Task<DistrictVersion> PutDistrict(PutDistrictRequest request, ServerCallContext context) =>
        operations.PutDistrict(context.GetHttpContext().User, request);

    public override Task<DistrictVersion> GetDistrict(GetDistrictRequest request, ServerCallContext context) =>
        operations.GetDistrict(context.GetHttpContext().User, request);

    public override Task<ListDistrictsResponse> ListDistricts(ListDistrictsRequest request, ServerCallContext context) =>
        operations.ListDistricts(context.GetHttpContext().User);

    public override Task<DistrictVersion> StartDistrict(StartDistrictRequest request, ServerCallContext context) =>
        operations.StartDistrict(context.GetHttpContext().User, request);

    public override Task<DistrictVersion> StopDistrict(StopDistrictRequest request, ServerCallContext context) =>
        operations.StopDistrict(context.GetHttpContext().User, request);
}
