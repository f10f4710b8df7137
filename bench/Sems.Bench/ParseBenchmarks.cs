using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Sems.Engine.Districts;
using Sems.Engine.Json;

namespace Sems.Bench;

/// <summary>
/// Reading large single-line files, what Python's json.dump writes: a valid 5 MB district (the EV/PV hub example
/// repeated under distinct ids and priorities) and a 200 KB line of 50,000 bare NaN tokens. Plain JsonDocument.Parse is
/// the baseline the strict policy (UTF-8 check, NaN pass, duplicate-key and surrogate walk) and full validation are
/// measured against.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private byte[] _district = null!;
    private byte[] _nanLine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var hub = JsonNode.Parse(File.ReadAllText(Examples.Path(Examples.EvPvHub)))!.AsObject();
        var template = hub["subsystems"]![0]!.ToJsonString();
        var subsystems = new JsonArray();
        for (var k = 0; subsystems.ToJsonString().Length < 5_000_000 && k < 100_000; k += 50)
        {
            for (var j = k; j < k + 50; j++)
            {
                var copy = JsonNode.Parse(template)!.AsObject();
                copy["id"] = $"hub-{j}";
                copy["priority"] = j + 1;
                subsystems.Add(copy);
            }
        }

        hub["subsystems"] = subsystems;
        _district = Encoding.UTF8.GetBytes(hub.ToJsonString());
        var nan = "[" + string.Join(", ", Enumerable.Repeat("NaN", 2000)) + "]";
        _nanLine = Encoding.UTF8.GetBytes("{\"name\": \"x\", \"horizonSteps\": 2000, \"factors\": {\"cost\": {" + string.Join(", ", Enumerable.Range(0, 25).Select(k => $"\"r{k}\": " + nan)) + "}}, \"subsystems\": []}");
        Console.WriteLine($"// SEMS parse input: district {_district.Length} bytes on one line, {subsystems.Count} subsystems; NaN line {_nanLine.Length} bytes, 50000 tokens");
        if (!DistrictReader.Read(_district).IsValid) throw new InvalidOperationException("the 5 MB district does not validate");
    }

    [Benchmark(Baseline = true)]
    public int PlainJsonDocument5MB()
    {
        using var document = JsonDocument.Parse(_district);
        return document.RootElement.GetProperty("subsystems").GetArrayLength();
    }

    [Benchmark]
    public int StrictJson5MB()
    {
        using var result = StrictJson.Parse(_district);
        return result.Document!.RootElement.GetProperty("subsystems").GetArrayLength();
    }

    [Benchmark]
    public int DistrictReader5MB() => DistrictReader.Read(_district).District!.Subsystems.Count;

    [Benchmark]
    public int DistrictReaderFiftyThousandNaN() => DistrictReader.Read(_nanLine).Errors.Count;
}
