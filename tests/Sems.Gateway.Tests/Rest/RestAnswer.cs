using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;

namespace Sems.Gateway.Tests.Rest;

/// <summary>An answer of the REST mirror: status, media type, headers and body, with readers for JSON, proto messages and problems.</summary>
public sealed record RestAnswer(HttpStatusCode Status, string? MediaType, HttpResponseHeaders Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The body read as <typeparamref name="T"/> by Google.Protobuf's own parser (the protobuf JSON mapping).</summary>
    public T Message<T>()
        where T : IMessage<T>, new() => JsonParser.Default.Parse<T>(Body);

    /// <summary>The field of every entry of a problem's errors array.</summary>
    public IReadOnlyList<string> Fields => [.. Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!)];

    /// <summary>The description of the first error of <paramref name="field"/>.</summary>
    public string Description(string field) =>
        Json.GetProperty("errors").EnumerateArray().First(e => e.GetProperty("field").GetString() == field).GetProperty("description").GetString()!;

    /// <summary>Asserts an RFC 9457 problem of <paramref name="status"/> and <paramref name="type"/> with type, title, status and detail.</summary>
    public RestAnswer AssertProblem(HttpStatusCode status, string type)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Body}");
        Assert.Equal("application/problem+json", MediaType);
        var json = Json;
        Assert.Equal($"urn:sems:problem:{type}", json.GetProperty("type").GetString());
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
        Assert.Equal(JsonValueKind.Array, json.GetProperty("errors").ValueKind);
        return this;
    }
}
