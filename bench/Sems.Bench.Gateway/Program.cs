using Sems.Bench.Gateway;

// dotnet run -c Release --project bench/Sems.Bench.Gateway -- <status|watch|ingest> [options]
const string usage = """
    usage: bench <status|watch|ingest> [options]
      every mode: --repo DIR (default: the repository above the bench) --district FILE | --subsystems N (generated heat networks) --server-env NAME=VALUE,…
                  --connect URL [--token T] --district FILE (a running gateway instead of a sems serve the bench starts)
      status:  --rate 1000 (req/s) --seconds 60 --warmup 20 --connections 4 --h2load-clients 4 --no-h2load
               (default district examples/two-subsystems-limit.json)
      watch:   --subscribers 500 --cycles 10 --cycle-seconds 3 --connections 10 --no-stall --stall-subscribers 20
               (default district: 20 generated heat networks)
      ingest:  --streams 4 --batch 1000 --window 2 --runs 5 --seconds 10 --warmup 10 --perf-map (default district: 100 generated heat networks)
    """;

if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}

if (BenchOptions.Parse(args.Skip(1).ToArray(), out var problem) is not { } options)
{
    Console.Error.WriteLine($"bench: {problem}");
    Console.Error.WriteLine(usage);
    return 2;
}

try
{
    return args[0] switch
    {
        "status" => await StatusBench.RunAsync(options),
        "watch" => await WatchBench.RunAsync(options),
        "ingest" => await IngestBench.RunAsync(options),
        _ => throw new BenchException($"unknown mode \"{args[0]}\": status, watch or ingest"),
    };
}
catch (BenchException e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 2;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
{
    // A district file that cannot be read or is not JSON.
    Console.Error.WriteLine($"bench: {e.Message}");
    return 3;
}
