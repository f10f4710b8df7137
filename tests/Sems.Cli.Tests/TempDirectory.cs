namespace Sems.Cli.Tests;

/// <summary>
/// A fresh directory under <c>{temp}/sems-cli-tests/</c>, deleted with everything in it on dispose. Nested one level
/// down so that what the CLI stages beside an output folder (its atomic writes' siblings) never lands in the system
/// temp folder itself, which the fuzz tests watch while other tests run in parallel.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sems-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
