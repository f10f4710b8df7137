using Sems.Engine.Market;

namespace Sems.Engine.Tests.Market.Clearing;

/// <summary>A market round answered by closed-form responders (no solver); a responder returning null has not answered.</summary>
internal sealed class ResponderRound(IReadOnlyDictionary<string, Func<ProsumerRequest, ProsumerSchedule?>> responders) : IMarketRound
{
    /// <summary>Every batch of requests, in order.</summary>
    public List<IReadOnlyList<ProsumerRequest>> Calls { get; } = [];

    public Task<IReadOnlyList<ProsumerReply>> AskAsync(IReadOnlyList<ProsumerRequest> requests, CancellationToken cancellationToken)
    {
        Calls.Add(requests);
        IReadOnlyList<ProsumerReply> replies = requests.Select(r =>
        {
            var s = responders[r.ProsumerId](r);
            return new ProsumerReply(r.ProsumerId, s, s is null ? "timed out after 30 s" : null);
        }).ToArray();
        return Task.FromResult(replies);
    }
}
