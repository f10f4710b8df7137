using BenchmarkDotNet.Running;
using Sems.Bench;

// Benchmarks (see docs/benchmarks.md):
//   dotnet run -c Release --project bench/Sems.Bench -- --filter '*' --join --artifacts bench/Sems.Bench/BenchmarkDotNet.Artifacts
// Side experiment (build / transfer / simplex split, iteration counts): ... -- --breakdown
if (args is ["--breakdown"])
{
    Breakdown.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
