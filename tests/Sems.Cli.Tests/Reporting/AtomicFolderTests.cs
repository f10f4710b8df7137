using System.Text;
using Sems.Silo.Reporting;
using Xunit;

namespace Sems.Cli.Tests.Reporting;

/// <summary>
/// A set of files is written whole or not at all: a writer that fails part-way leaves neither some of the new files
/// nor a temporary file or folder, and an existing folder keeps exactly what it had.
/// </summary>
public sealed class AtomicFolderTests
{
    [Fact]
    public void A_failure_after_two_files_leaves_no_new_folder_and_no_temporary_entries()
    {
        using var temp = new TempDirectory();
        var output = temp.File("out");

        Assert.Throws<IOException>(() => AtomicFolder.Write(output, FailingAfter(2)));

        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void A_failure_after_two_files_leaves_an_existing_folder_as_it_was()
    {
        using var temp = new TempDirectory();
        var output = temp.File("out");
        Directory.CreateDirectory(Path.Combine(output, "s"));
        File.WriteAllText(Path.Combine(output, "s", "0.csv"), "old 0");
        File.WriteAllText(Path.Combine(output, "mine.txt"), "mine");

        Assert.Throws<IOException>(() => AtomicFolder.Write(output, FailingAfter(2)));

        Assert.Equal([output], Directory.GetFileSystemEntries(temp.Path));
        Assert.Equal(["mine.txt", "s"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["0.csv"], Directory.GetFiles(Path.Combine(output, "s")).Select(Path.GetFileName));
        Assert.Equal("old 0", File.ReadAllText(Path.Combine(output, "s", "0.csv")));
    }

    [Fact]
    public void A_set_written_in_full_lands_in_place_with_nothing_beside_it()
    {
        using var temp = new TempDirectory();
        var output = temp.File("out");

        Assert.Equal(3, AtomicFolder.Write(output, Files(3)));

        Assert.Equal([output], Directory.GetFileSystemEntries(temp.Path));
        Assert.Equal(["0.csv", "1.csv", "2.csv"], Directory.GetFiles(Path.Combine(output, "s")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("new 1", File.ReadAllText(Path.Combine(output, "s", "1.csv")));
    }

    private static IEnumerable<OutputFile> Files(int count) =>
        Enumerable.Range(0, count).Select(k => new OutputFile(["s", $"{k}.csv"], () => Encoding.UTF8.GetBytes($"new {k}")));

    private static IEnumerable<OutputFile> FailingAfter(int count)
    {
        foreach (var file in Files(count)) yield return file;
        yield return new OutputFile(["s", "broken.csv"], () => throw new IOException("disk full (injected)"));
        foreach (var file in Files(count + 2).Skip(count)) yield return file;
    }
}
