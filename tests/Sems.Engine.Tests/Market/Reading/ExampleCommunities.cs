namespace Sems.Engine.Tests.Market.Reading;

/// <summary>The committed example community files, found by walking up from the test assembly to Sems.sln.</summary>
public static class ExampleCommunities
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Sems.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException($"no Sems.sln above {AppContext.BaseDirectory}");
    });

    /// <summary>The full path of examples/market/<paramref name="file"/>.</summary>
    public static string Path(string file) => System.IO.Path.Combine(Root.Value, "examples", "market", file);

    /// <summary>The lines of examples/data/market/<paramref name="file"/>, a copied data slice.</summary>
    public static string[] DataLines(string file) => File.ReadAllLines(System.IO.Path.Combine(Root.Value, "examples", "data", "market", file));
}
