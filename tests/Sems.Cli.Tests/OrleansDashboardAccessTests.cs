using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// Orleans' dashboard at /orleans on a real <c>sems serve</c> process with a signing key (environment
/// SEMS_Sems__Auth__SigningKey, as in operation) and tokens minted by <c>sems token</c>: no token is 401, a token without
/// districts.admin is 403, an administrator's token in <c>?access_token=</c> is 200 and comes back as an HttpOnly,
/// SameSite=Strict cookie for /orleans, which alone then opens the dashboard's own API. The cookie is parsed here by
/// hand from the Set-Cookie header; the client keeps no cookies of its own.
/// </summary>
public sealed class OrleansDashboardAccessTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly TempDirectory _directory = new();
    private readonly ConcurrentQueue<string> _lines = new();
    private Process _serve = null!;
    private string _keyFile = "";
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var key = CliRun.Invoke("token", "--new-key");
        Assert.Equal(0, key.ExitCode);
        _keyFile = _directory.File("signing.key");
        await File.WriteAllTextAsync(_keyFile, key.Stdout);

        var ports = FreePorts(4);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "sems.dll"), "serve", ExampleFile.PathOf("two-subsystems-limit.json"),
                     "--silo-port", ports[0], "--gateway-port", ports[1], "--grpc-port", ports[2], "--http-port", ports[3] })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("SEMS_", StringComparison.OrdinalIgnoreCase)).ToList()) info.Environment.Remove(name);
        info.Environment["SEMS_Sems__Auth__SigningKey"] = key.Stdout.Trim();

        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _serve = new Process { StartInfo = info, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null) return;
            _lines.Enqueue(line);
            if (line.Contains("sems: serving", StringComparison.Ordinal)) serving.TrySetResult();
        }

        _serve.OutputDataReceived += (_, e) => OnLine(e.Data);
        _serve.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _serve.Exited += (_, _) => serving.TrySetException(new InvalidOperationException("sems serve exited before serving"));
        Assert.True(_serve.Start());
        _serve.BeginOutputReadLine();
        _serve.BeginErrorReadLine();
        try
        {
            await serving.Task.WaitAsync(StartTimeout);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Assert.Fail($"sems serve did not start: {e.Message}; output:\n{Output()}");
        }

        _http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{ports[3]}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_serve is not null)
        {
            try
            {
                if (!_serve.HasExited) _serve.Kill(entireProcessTree: true);
                await _serve.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            }
            finally
            {
                _serve.Dispose();
            }
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task Only_an_administrators_token_opens_the_dashboard_and_its_cookie_alone_then_opens_the_dashboards_api()
    {
        var reader = Token("dso-reader", "status.read");
        var admin = Token("ops-admin", "districts.admin");

        using (var none = await _http.GetAsync(new Uri("/orleans/", UriKind.Relative)))
            Assert.True(none.StatusCode == HttpStatusCode.Unauthorized, $"no token: {(int)none.StatusCode}\n{Output()}");
        using (var notAdmin = await _http.GetAsync(new Uri($"/orleans/?access_token={reader}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
            Assert.False(notAdmin.Headers.Contains("Set-Cookie"), "a refused token was stored in a cookie");
        }

        using var opened = await _http.GetAsync(new Uri($"/orleans/?access_token={admin}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("<html", await opened.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.True(opened.Headers.TryGetValues("Set-Cookie", out var setCookies), "no Set-Cookie on the dashboard's first page");
        var cookie = Assert.Single(setCookies!);
        var parts = cookie.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var pair = parts[0].Split('=', 2);
        Assert.Equal(admin, pair[1]);
        var attributes = parts.Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/orleans", attributes);

        // The cookie alone, on the dashboard's own API (what its page fetches): the cluster's counters.
        using var counters = await Get("/orleans/DashboardCounters", $"{pair[0]}={pair[1]}");
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        using (var json = JsonDocument.Parse(await counters.Content.ReadAsStringAsync()))
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);

        // The cookie is judged as a header would be: a reader's token in it is 403, one that is not a token 401.
        using (var readerCookie = await Get("/orleans/DashboardCounters", $"{pair[0]}={reader}"))
            Assert.Equal(HttpStatusCode.Forbidden, readerCookie.StatusCode);
        using (var forged = await Get("/orleans/DashboardCounters", $"{pair[0]}=not-a-token"))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        using (var bare = await _http.GetAsync(new Uri("/orleans/DashboardCounters", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
    }

    private Task<HttpResponseMessage> Get(string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return _http.SendAsync(request);
    }

    /// <summary>A token minted by <c>sems token</c> with the test's key file, for the district the process serves.</summary>
    private string Token(string subject, string scope)
    {
        var run = CliRun.Invoke("token", "--subject", subject, "--scope", scope, "--district", "two-subsystems", "--lifetime", "1h", "--key-file", _keyFile);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout.Trim();
    }

    private string Output() => string.Join('\n', _lines.ToArray().TakeLast(60));

    /// <summary>Distinct free loopback ports, held open together while they are picked so none is given twice.</summary>
    private static string[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
