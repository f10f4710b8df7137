using Sems.Engine.Market;
using Sems.Engine.Tests.Districts;

namespace Sems.Engine.Tests.Market.Reading;

/// <summary><see cref="CommunityReader.ReadFile"/>: a file on disk reads as its text does, and one that cannot be read is one error naming it.</summary>
public sealed class CommunityReaderFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sems-community-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_file_reads_like_its_text_and_carries_its_path()
    {
        var path = Path.Combine(_folder, "market.json");
        File.WriteAllText(path, CommunityJson.Baseline().ToText());

        var result = CommunityReader.ReadFile(path);

        var community = CommunityReadAssert.Valid(result);
        Assert.Equal(path, result.SourceName);
        Assert.Equal("riverside-market", community.Name);
        Assert.Equal([1.0, 2, 3, 4], community.Prosumers[0].LoadKw);
    }

    [Fact]
    public void A_missing_file_is_one_error_at_the_document_naming_the_file()
    {
        var path = Path.Combine(_folder, "absent.json");

        var result = CommunityReader.ReadFile(path);

        var problem = CommunityReadAssert.OnlyError(result, "$", "cannot be read");
        Assert.Equal($"\"{path}\"", problem.Value);
    }

    [Fact]
    public void A_UTF16_file_gets_the_hint_to_save_it_as_UTF8()
    {
        var path = Path.Combine(_folder, "utf16.json");
        File.WriteAllText(path, CommunityJson.Minimal().ToText(), System.Text.Encoding.Unicode);

        CommunityReadAssert.OnlyError(CommunityReader.ReadFile(path), "$", "is UTF-16", "save it as UTF-8");
    }
}
