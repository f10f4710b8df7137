using System.Text.Json;
using System.Xml.Linq;
using k8s.Models;
using Xunit;

namespace Sems.Deploy.Tests;

/// <summary>
/// deploy/Dockerfile against the repository (Docker cannot run here): what it copies exists and is not ignored, it
/// publishes the project whose executable is <c>sems</c>, the runtime stage starts that file, and the user and ports
/// are the ones the manifests expect.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly IReadOnlyList<DockerfileInstruction> Instructions = DockerfileInstruction.Parse(RepositoryPaths.Dockerfile);

    private static int LastStage => Instructions.Max(i => i.Stage);

    [Fact]
    public void ItBuildsOnTheDotnet10SdkAndRunsOnTheAspNetCore10Runtime()
    {
        var stages = Instructions.Where(i => i.Keyword == "FROM").Select(i => i.Words).ToList();
        Assert.Equal(2, stages.Count);
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "AS", "build"], stages[0]);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", stages[1][0]);
    }

    [Fact]
    public void EverySourceItCopiesFromTheContextExistsAndIsNotIgnored()
    {
        var ignore = DockerIgnore.Load(RepositoryPaths.Dockerfile + ".dockerignore");
        var sources = ContextSources();
        Assert.Contains("src/", sources);
        foreach (var source in sources)
        {
            var path = Path.Combine(RepositoryPaths.Root, source);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"the Dockerfile copies {source}, which is not in the repository");
            Assert.False(ignore.Excludes(source), $"the Dockerfile copies {source}, which Dockerfile.dockerignore leaves out of the context");
        }
    }

    [Fact]
    public void TheContextHoldsEveryTrackedSourceFileAndNoBuildOutput()
    {
        var ignore = DockerIgnore.Load(RepositoryPaths.Dockerfile + ".dockerignore");
        var sources = ContextSources();
        var files = TrackedFiles(sources);
        Assert.Contains("src/Silo/Sems.Silo.csproj", files);
        Assert.Contains("src/Persistence/Migrations/0001_orleans.sql", files);
        foreach (var file in files) Assert.False(ignore.Excludes(file), $"{file} is needed by the build but left out of the context");

        // Build output must stay out: obj/project.assets.json would point the restore at this machine's paths.
        foreach (var output in new[] { "src/Silo/obj/project.assets.json", "src/Silo/bin/Release/net10.0/sems.dll", "src/Engine/obj/Release/net10.0/Sems.Engine.dll", "tests/Sems.Deploy.Tests/Sems.Deploy.Tests.csproj", ".git/HEAD", "bench/Sems.Bench/Program.cs" })
        {
            Assert.True(ignore.Excludes(output), $"{output} is sent to the Docker build");
        }
    }

    [Fact]
    public void ItPublishesTheProjectWhoseExecutableIsSemsAndEveryProjectThatOneNeeds()
    {
        var publish = Publish();
        var project = publish[publish.IndexOf("publish") + 1];
        var path = Path.Combine(RepositoryPaths.Root, project);
        Assert.True(File.Exists(path), $"the Dockerfile publishes {project}, which is not in the repository");
        var csproj = XDocument.Load(path);
        Assert.Equal("sems", csproj.Descendants("AssemblyName").Single().Value);
        Assert.Equal("Exe", csproj.Descendants("OutputType").Single().Value);

        // Every project it references, directly or not, is inside what the Dockerfile copies.
        var sources = ContextSources().Select(s => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, s))).ToList();
        var pending = new Stack<string>([Path.GetFullPath(path)]);
        var seen = new HashSet<string>();
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current)) continue;
            Assert.True(sources.Any(s => current.StartsWith(s, StringComparison.Ordinal)), $"{RepositoryPaths.Relative(current)} is needed by the build but not copied into the image");
            var document = XDocument.Load(current);
            foreach (var reference in document.Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
            }

            // Any other item outside the project's folder (a .proto, a linked file) must be copied too.
            foreach (var item in document.Descendants().Where(e => e.Name != "ProjectReference" && e.Attribute("Include")?.Value.StartsWith("..", StringComparison.Ordinal) == true))
            {
                var included = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, item.Attribute("Include")!.Value.Replace('\\', '/')));
                Assert.True(sources.Any(s => included.StartsWith(s, StringComparison.Ordinal)), $"{RepositoryPaths.Relative(current)} includes {item.Attribute("Include")!.Value}, which is not copied into the image");
            }
        }

        Assert.Contains(seen, p => p.EndsWith("Sems.Persistence.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRuntimeStageStartsThePublishedExecutable()
    {
        var publish = Publish();
        var output = publish[publish.IndexOf("-o") + 1].TrimEnd('/');
        var final = Instructions.Where(i => i.Stage == LastStage).ToList();
        var copy = final.Single(i => i.Keyword == "COPY" && i.Flags.ContainsKey("from"));
        Assert.Equal("build", copy.Flags["from"]);
        Assert.Equal(output, copy.Words[0].TrimEnd('/'));
        var workdir = final.Single(i => i.Keyword == "WORKDIR").Arguments;
        var destination = copy.Words[1] is "./" or "." ? workdir : copy.Words[1];
        Assert.Equal(workdir.TrimEnd('/'), destination.TrimEnd('/'));

        // ENTRYPOINT ["./sems"] runs <workdir>/sems, the apphost named after the assembly.
        var entrypoint = JsonSerializer.Deserialize<string[]>(final.Single(i => i.Keyword == "ENTRYPOINT").Arguments)!;
        Assert.Equal(["./sems"], entrypoint);
        var csproj = XDocument.Load(Path.Combine(RepositoryPaths.Root, publish[publish.IndexOf("publish") + 1]));
        Assert.Equal("./" + csproj.Descendants("AssemblyName").Single().Value, entrypoint[0]);
    }

    [Fact]
    public void ItRunsAsTheNonRootUserThePodsDeclareAndExposesTheSilosPorts()
    {
        var final = Instructions.Where(i => i.Stage == LastStage).ToList();
        var user = final.Single(i => i.Keyword == "USER").Arguments.Split(':');
        Assert.True(long.TryParse(user[0], out var uid) && uid > 0, $"USER {user[0]} is not a numeric non-root user");
        foreach (var workload in Manifests.Workloads(Renderings.Base))
        {
            Assert.Equal(uid, workload.Template.Spec.SecurityContext.RunAsUser);
        }

        var exposed = final.Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Words).Select(int.Parse).Order();
        var silo = Manifests.Component(Renderings.Base, "silo").MainContainers.Single();
        Assert.Equal(silo.Ports.Select(p => p.ContainerPort).Order(), exposed);
    }

    /// <summary>The words of the RUN instruction that calls dotnet publish.</summary>
    private static List<string> Publish() =>
        [.. Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Words];

    /// <summary>The sources of every COPY or ADD that reads the build context (not --from another stage).</summary>
    private static List<string> ContextSources() =>
        [.. Instructions.Where(i => i.Keyword is "COPY" or "ADD" && !i.Flags.ContainsKey("from")).SelectMany(i => i.Words.Take(i.Words.Count - 1))];

    /// <summary>The files git tracks under the given paths (or, without git, the files there outside bin/ and obj/).</summary>
    private static List<string> TrackedFiles(IEnumerable<string> paths)
    {
        if (Tools.Find("git") is not null)
        {
            var result = Tools.Run("git", ["ls-files", "--", .. paths], RepositoryPaths.Root);
            if (result.ExitCode == 0) return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }

        var files = new List<string>();
        foreach (var source in paths)
        {
            var path = Path.Combine(RepositoryPaths.Root, source);
            if (File.Exists(path)) files.Add(source.TrimEnd('/'));
            else files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Select(RepositoryPaths.Relative)
                .Where(f => !f.Split('/').Any(part => part is "bin" or "obj")));
        }

        return files;
    }
}
