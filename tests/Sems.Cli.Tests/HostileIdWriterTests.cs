using Sems.Engine.Model;
using Sems.Engine.Mpc;
using Sems.Silo.Cli;
using Sems.Silo.Reporting;
using Xunit;

namespace Sems.Cli.Tests;

/// <summary>
/// The CSV and LP writers never use a subsystem id as a path: an id that is not a plain file name is refused, and
/// nothing is created outside the output folder (nor inside it: the set is written whole or not at all).
/// </summary>
public sealed class HostileIdWriterTests
{
    public static TheoryData<string> HostileIds => new()
    {
        "../../../outside",
        "..",
        ".",
        "/abs/outside",
        "a/b",
        "a\\b",
        "nul\0byte",
        "tab\tid",
        "",
    };

    private static readonly Lazy<(District District, IReadOnlyList<SubsystemResult> Results)> Solved = new(() =>
    {
        var district = DistrictLoader.Load(ExampleFile.PathOf(ExampleFile.HeatNetwork), TextWriter.Null)!.Value.District;
        return (district, DistrictSolver.SolveAll(district));
    });

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void Csv_writer_refuses_a_hostile_id_and_creates_nothing(string id)
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "a", "b", "c", "out");
        var (district, results) = Solved.Value;
        var hostile = results.Select(r => r with { Id = id }).ToList();

        Assert.Throws<UnsafeFileNameException>(() => TrajectoryCsv.Write(output, district, hostile));

        AssertNothingButEmptyFolders(temp.Path);
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void Lp_writer_refuses_a_hostile_id_and_creates_nothing(string id)
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "a", "b", "c", "out");
        var district = Solved.Value.District;
        // ".lp" is appended to the id: "", "." and ".." become plain names (".lp", "..lp", "...lp"), the others stay unsafe.
        var name = id + ".lp";
        var hostile = district with { Subsystems = [.. district.Subsystems.Select(s => s with { Id = id })] };

        if (name is ".lp" or "..lp" or "...lp")
        {
            Assert.Equal(1, LpFiles.Write(output, hostile, MpcOptions.Default));
            Assert.Equal([Path.Combine(output, name)], Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories));
            return;
        }

        Assert.Throws<UnsafeFileNameException>(() => LpFiles.Write(output, hostile, MpcOptions.Default));
        AssertNothingButEmptyFolders(temp.Path);
    }

    [Fact]
    public void The_path_helper_keeps_plain_names_under_the_root()
    {
        using var temp = new TempDirectory();
        Assert.Equal(Path.Combine(temp.Path, "school", "draw.csv"), OutputPath.Under(temp.Path, "school", "draw.csv"));
        Assert.Equal(Path.Combine(temp.Path, "a..b"), OutputPath.Under(temp.Path, "a..b"));
        Assert.Throws<UnsafeFileNameException>(() => OutputPath.Under(temp.Path, "ok", ".."));
    }

    private static void AssertNothingButEmptyFolders(string root)
    {
        // Only the temp root's own subtree exists (the writer may have made the output's parents); no file anywhere.
        Assert.Empty(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
        Assert.DoesNotContain(Directory.GetDirectories(root, "*", SearchOption.AllDirectories), d => Path.GetFileName(d).EndsWith(".tmp", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(root, "a", "b", "c", "out")));
        Assert.False(Directory.Exists(Path.Combine(root, "outside")));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(root)!, "outside")));
        Assert.False(Directory.Exists("/abs"));
    }
}
