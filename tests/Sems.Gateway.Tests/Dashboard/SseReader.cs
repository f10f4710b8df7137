using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Sems.Gateway.Tests.Dashboard;

/// <summary>
/// A client of a <c>text/event-stream</c> response that parses it as the EventSource specification says (fields
/// <c>id</c>, <c>event</c>, <c>data</c>, <c>retry</c>; lines starting with ':' are comments; a blank line dispatches),
/// written from the specification rather than from the server's code. Every read gives up after <see cref="Patience"/>.
/// </summary>
internal sealed class SseReader : IAsyncDisposable
{
    /// <summary>A guard against a test hanging on a stream that never answers; not a timing assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpClient client, HttpResponseMessage response, StreamReader reader)
    {
        _client = client;
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Comment lines seen so far (without the leading ':').</summary>
    public List<string> Comments { get; } = [];

    /// <summary>The last retry field seen, in ms.</summary>
    public int? RetryMs { get; private set; }

    /// <summary>Opens <paramref name="path"/> on <paramref name="client"/> (which it then owns), with Last-Event-ID when given.</summary>
    public static async Task<SseReader> Open(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var opening = new CancellationTokenSource(Patience);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, opening.Token);
        var stream = await response.Content.ReadAsStreamAsync(opening.Token);
        return new SseReader(client, response, new StreamReader(stream, Encoding.UTF8));
    }

    /// <summary>The next dispatched message (a block with data), skipping comment-only and retry-only blocks.</summary>
    public async Task<SseMessage> Next()
    {
        using var cancel = new CancellationTokenSource(Patience);
        string? id = null;
        var type = "message";
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException("the event stream ended");
            if (line.Length == 0)
            {
                if (data.Count > 0) return new SseMessage(id, type, string.Join('\n', data), RetryMs);
                id = null;
                type = "message";
                continue;
            }

            if (line[0] == ':')
            {
                Comments.Add(line[1..].TrimStart());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Add(value); break;
                case "retry" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms): RetryMs = ms; break;
            }
        }
    }

    /// <summary>The next message that is not a heartbeat (heartbeats come every 15 s when nothing happens).</summary>
    public async Task<SseMessage> NextNotHeartbeat()
    {
        while (true)
        {
            var message = await Next();
            if (!message.Data.Contains("\"HEARTBEAT\"", StringComparison.Ordinal)) return message;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
