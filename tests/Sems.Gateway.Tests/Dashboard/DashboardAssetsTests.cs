using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;

namespace Sems.Gateway.Tests.Dashboard;

/// <summary>
/// The page and its files are served from the gateway itself, byte for byte as they are in src/Gateway/Dashboard/wwwroot,
/// without credentials, with a policy that lets the page load nothing from elsewhere.
/// </summary>
public sealed class DashboardAssetsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    /// <summary>What wwwroot holds that is documentation of the vendored code, not served.</summary>
    private static readonly string[] NotServed = ["lib/README.md", "lib/package.json"];

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(RepositoryFiles.Wwwroot, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryFiles.Wwwroot, f).Replace('\\', '/'))
            .Where(f => !NotServed.Contains(f, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal);

    [Fact]
    public async Task Every_file_of_wwwroot_is_served_unchanged_without_a_token()
    {
        using var client = fixture.Http(null);
        var files = SourceFiles().ToList();
        Assert.Contains("index.html", files);
        Assert.Contains("lib/uPlot.iife.min.js", files);
        foreach (var file in files)
        {
            var response = await client.GetAsync($"/dashboard/{file}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/dashboard/{file}: {response.StatusCode}");
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepositoryFiles.Wwwroot, file)), await response.Content.ReadAsByteArrayAsync());
        }

        var page = await client.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepositoryFiles.Wwwroot, "index.html")), await page.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/javascript", (await client.GetAsync("/dashboard/app.js")).Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/css", (await client.GetAsync("/dashboard/lib/uPlot.min.css")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_resource_file_lists_exactly_the_files_served()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryFiles.Root, "src", "Gateway", "Dashboard", "DashboardAssets.resx"));
        var listed = resx.Root!.Elements("data").Select(d => (Name: (string)d.Attribute("name")!, File: ((string)d.Element("value")!).Split(';')[0])).ToList();
        Assert.Equal(SourceFiles(), listed.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.All(listed, d => Assert.Equal($"wwwroot/{d.Name}", d.File));
    }

    [Fact]
    public async Task The_page_may_load_from_its_own_origin_only_and_is_revalidated_by_its_etag()
    {
        using var client = fixture.Http(null);
        var page = await client.GetAsync("/");
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        foreach (var directive in new[] { "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'" })
            Assert.Contains(directive, policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());

        var etag = page.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        // The page's own markup, script and style refer to nothing outside the gateway.
        foreach (var file in new[] { "index.html", "app.js", "app.css" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Wwwroot, file));
            Assert.DoesNotContain("http://", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=\"//", text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dashboard/no-such-file.js")).StatusCode);
    }
}
