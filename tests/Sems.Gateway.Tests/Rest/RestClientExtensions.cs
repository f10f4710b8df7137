using System.Net.Http.Headers;
using System.Text;

namespace Sems.Gateway.Tests.Rest;

/// <summary>Calls of the REST mirror as a client makes them: a method, a path and a JSON body (raw text, so malformed bodies can be sent too).</summary>
public static class RestClientExtensions
{
    public static Task<RestAnswer> GetAnswer(this HttpClient client, string path) => client.Send(HttpMethod.Get, path, null);

    public static Task<RestAnswer> PostJson(this HttpClient client, string path, string? json) => client.Send(HttpMethod.Post, path, json);

    public static Task<RestAnswer> PutJson(this HttpClient client, string path, string json, string? ifMatch = null) =>
        client.Send(HttpMethod.Put, path, json, ifMatch);

    public static async Task<RestAnswer> Send(this HttpClient client, HttpMethod method, string path, string? json, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ifMatch}\""));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new RestAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers, body);
    }
}
