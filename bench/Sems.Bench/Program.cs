using BenchmarkDotNet.Running;
using Sems.Bench;

// Benchmarks (see docs/benchmarks.md):
//   dotnet run -c Release --project bench/Sems.Bench -- --filter '*' --join --artifacts bench/Sems.Bench/BenchmarkDotNet.Artifacts
// Side experiment (build / transfer / simplex split, iteration counts): ... -- --breakdown
// Side experiment (memory of 200 warm heat-network sessions): ... -- --session-memory
if (args is ["--session-memory"])
{
    SessionMemory.Run();
    return;
}

if (args is ["--breakdown"])
{
    Breakdown.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
