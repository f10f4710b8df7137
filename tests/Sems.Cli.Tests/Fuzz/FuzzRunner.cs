using System.Globalization;
using System.Text;
using System.Text.Json;
using Sems.Silo.Cli;
using Xunit;
using Xunit.Abstractions;

namespace Sems.Cli.Tests.Fuzz;

/// <summary>
/// Runs fuzz cases of one input class under the guards every case must pass, collects every failure (naming the case's
/// index, seed and mutation) and the exit-code histogram, and fails once at the end with all of them.
/// </summary>
/// <remarks>
/// Each case gets a fresh root folder (its output folder, when the command takes one, is <c>root/out</c>) and its input
/// file in a separate inputs folder, so that afterwards the root must hold nothing but <c>out</c> and the fuzz folder
/// nothing but the inputs and the case's root. The current directory must gain no entry during a case (apart from the
/// <c>sems-…</c> temp folders of other tests), the shared temp folder no output-like entry, and the absolute hostile ids
/// must not appear as paths.
/// </remarks>
public sealed class FuzzRunner : IDisposable
{
    /// <summary>The fuzzer's fixed seed: case <c>i</c> of class <c>k</c> draws from <c>new Random(Seed + 100000·k + i)</c>.</summary>
    public const int Seed = 20261201;

    public const int MaxStderrChars = 64 * 1024;

    /// <summary>The documented exit codes of <c>sems</c> (see its usage text).</summary>
    public static readonly int[] DocumentedExitCodes = [0, 1, 2, 3];

    /// <summary>A case that has not returned after this long is reported as hung (a guard, not a performance assertion).</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly string _name;
    private readonly int _classNumber;
    private readonly string _root;
    private readonly string _inputs;
    private readonly List<string> _failures = [];
    private readonly SortedDictionary<int, int> _exitCodes = [];
    private readonly SortedDictionary<string, int> _mutations = new(StringComparer.Ordinal);
    private int _cases;

    public FuzzRunner(string name, int classNumber)
    {
        _name = name;
        _classNumber = classNumber;
        _root = Path.Combine(Path.GetTempPath(), $"sems-fuzz-{name}-{Guid.NewGuid():N}");
        _inputs = Path.Combine(_root, "inputs");
        Directory.CreateDirectory(_inputs);
    }

    /// <summary>Whether a case hung: the class stops then, since the hung case still holds a thread.</summary>
    public bool Hung { get; private set; }

    public int Cases => _cases;

    public int CaseSeed(int index) => Seed + 100_000 * _classNumber + index;

    public Random CaseRandom(int index) => new(CaseSeed(index));

    /// <summary>
    /// Writes the case's input, runs <c>sems</c> in process with the arguments built from the input's path and the
    /// output folder, and checks the exit code, stderr, stdout (JSON when <paramref name="json"/>) and the file system.
    /// </summary>
    public int? RunCli(int index, FuzzInput input, string extension, Func<string, string, string[]> arguments, bool json)
    {
        var caseRoot = Path.Combine(_root, $"case-{index:D4}");
        Directory.CreateDirectory(caseRoot);
        var inputPath = Path.Combine(_inputs, $"case-{index:D4}{extension}");
        File.WriteAllBytes(inputPath, input.Bytes);
        var args = arguments(inputPath, Path.Combine(caseRoot, "out"));
        var id = Describe(index, input, args);
        Count(input);

        var cwdBefore = Entries(Directory.GetCurrentDirectory());
        var tempBefore = Entries(Path.GetTempPath());
        var absoluteBefore = FuzzValues.AbsoluteHostilePaths.Where(Exists).ToHashSet(StringComparer.Ordinal);

        var (completed, run, error) = Guarded(() => CliRun.Invoke(args));
        if (!completed)
        {
            Hung = true;
            Fail(id, $"did not return within the {HangGuard.TotalSeconds:0} s hang guard");
            return null;
        }

        if (error is not null || run is null)
        {
            Fail(id, $"SemsCli.Run threw {error}");
            Cleanup(caseRoot, inputPath);
            return null;
        }

        var problems = new List<string>();
        lock (_exitCodes) _exitCodes[run.ExitCode] = _exitCodes.GetValueOrDefault(run.ExitCode) + 1;
        if (!DocumentedExitCodes.Contains(run.ExitCode)) problems.Add($"exit code {run.ExitCode} is not one of 0, 1, 2, 3");
        if (run.Stderr.Length >= MaxStderrChars) problems.Add($"stderr has {run.Stderr.Length} characters (limit {MaxStderrChars})");
        if (run.ExitCode == SemsCli.InvalidInput && !NamesSomething(run.Stderr)) problems.Add("exit 2 with a stderr that names nothing (no \"sems:\" line, option, $-path, line or column)");
        if (json && run.Stdout.Length > 0 && JsonProblem(run.Stdout) is { } invalid) problems.Add($"--json stdout is not valid JSON: {invalid}");
        if (json && run.ExitCode is 0 or 1 && run.Stdout.Length == 0) problems.Add($"--json printed nothing with exit {run.ExitCode}");

        var stray = Directory.EnumerateFileSystemEntries(caseRoot).Select(Path.GetFileName).Where(n => n != "out").ToList();
        if (stray.Count > 0) problems.Add($"the case root holds more than its output folder: {string.Join(", ", stray)}");
        var rootEntries = Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).Where(n => n != "inputs" && n != Path.GetFileName(caseRoot)).ToList();
        if (rootEntries.Count > 0) problems.Add($"the fuzz folder gained: {string.Join(", ", rootEntries)}");
        var inputs = Directory.EnumerateFileSystemEntries(_inputs).Select(Path.GetFileName).Where(n => n != Path.GetFileName(inputPath)).ToList();
        if (inputs.Count > 0) problems.Add($"the inputs folder gained: {string.Join(", ", inputs)}");
        if (New(cwdBefore, Directory.GetCurrentDirectory()) is { Count: > 0 } cwdNew) problems.Add($"the current directory gained: {string.Join(", ", cwdNew)}");
        if (NewOutputLike(tempBefore, Path.GetTempPath()) is { Count: > 0 } tempNew) problems.Add($"the temp folder gained: {string.Join(", ", tempNew)}");
        foreach (var path in FuzzValues.AbsoluteHostilePaths.Where(p => !absoluteBefore.Contains(p) && Exists(p))) problems.Add($"{path} was created");

        foreach (var problem in problems) Fail(id, $"{problem}; stderr starts: {Preview(run.Stderr)}");
        Cleanup(caseRoot, inputPath);
        return run.ExitCode;
    }

    /// <summary>Runs a check of a library call (null when it holds, else the problem) under the hang guard; a throw fails.</summary>
    public void RunCheck(int index, FuzzInput input, Func<string?> check)
    {
        var id = Describe(index, input, []);
        Count(input);
        var (completed, problem, error) = Guarded(check);
        if (!completed)
        {
            Hung = true;
            Fail(id, $"did not return within the {HangGuard.TotalSeconds:0} s hang guard");
        }
        else if (error is not null) Fail(id, $"threw {error}");
        else if (problem is not null) Fail(id, problem);
    }

    /// <summary>Prints the case count, mutation and exit-code histograms, and fails with every failure collected.</summary>
    public void Finish(ITestOutputHelper output)
    {
        var mutations = string.Join(", ", _mutations.Select(m => $"{m.Key} {m.Value}"));
        var exits = _exitCodes.Count == 0 ? "(library calls only)" : string.Join(", ", _exitCodes.Select(e => $"exit {e.Key}: {e.Value}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz {_name}: {_cases} cases (seed {Seed}); {exits}; mutations: {mutations}"));
        foreach (var failure in _failures.Take(40)) output.WriteLine(failure);
        Assert.True(_failures.Count == 0, $"{_failures.Count} fuzz failure(s) in {_name}:\n{string.Join("\n", _failures.Take(40))}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    /// <summary>stderr names what is wrong: a "sems:" line, a JSON path ($…), a line or a column of the file.</summary>
    public static bool NamesSomething(string stderr) =>
        stderr.Trim().Length > 0 &&
        (stderr.Split('\n').Any(l => l.StartsWith("sems:", StringComparison.Ordinal) || l.StartsWith("--", StringComparison.Ordinal)) || stderr.Contains('$', StringComparison.Ordinal) ||
         stderr.Contains("line ", StringComparison.Ordinal) || stderr.Contains("column", StringComparison.Ordinal));

    public static string? JsonProblem(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return null;
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }

    public static string Preview(string text)
    {
        var cut = text.Length > 300 ? text[..300] + $"… ({text.Length} characters)" : text;
        return JsonSerializer.Serialize(cut);
    }

    private static (bool Completed, T? Result, Exception? Error) Guarded<T>(Func<T> body)
    {
        var task = Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return task.Wait(HangGuard) ? (true, task.Result, null) : (false, default, null);
        }
        catch (AggregateException e)
        {
            return (true, default, e.InnerException ?? e);
        }
    }

    private string Describe(int index, FuzzInput input, string[] args)
    {
        var preview = input.Bytes.Length > 160 ? Encoding.UTF8.GetString(input.Bytes[..160]) + "…" : Encoding.UTF8.GetString(input.Bytes);
        var shownArgs = args.Length == 0 ? "" : $"; args: {Preview(string.Join(" ", args.Select(a => a.Length > 80 ? a[..80] + "…" : a)))}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{_name} case {index} (seed {CaseSeed(index)} = {Seed} + 100000·{_classNumber} + {index}; mutation: {Shorten(input.Mutation)}; {input.Bytes.Length} bytes{shownArgs}; input starts {JsonSerializer.Serialize(preview)})");
    }

    private void Count(FuzzInput input)
    {
        _cases++;
        _mutations[input.MutationClass] = _mutations.GetValueOrDefault(input.MutationClass) + 1;
    }

    private void Fail(string id, string problem) => _failures.Add($"{id}: {problem}");

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    private static HashSet<string> Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(p => Path.GetFileName(p)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Entries of <paramref name="folder"/> that were not there before, other than the suite's own <c>sems-…</c> folders.</summary>
    private static List<string> New(HashSet<string> before, string folder) =>
        Entries(folder).Where(e => !before.Contains(e) && !e.StartsWith("sems-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// New entries of the shared temp folder that a case could have made: output files (.csv, .lp, .json, .tmp), an
    /// "out" folder or a hostile id's last segment. Other processes on the machine create and remove temp entries of
    /// their own at any time, so the temp folder is checked for these names only.
    /// </summary>
    private static List<string> NewOutputLike(HashSet<string> before, string folder) =>
        New(before, folder).Where(e => OutputExtensions.Any(x => e.EndsWith(x, StringComparison.OrdinalIgnoreCase)) || e == "out" || HostileNames.Contains(e)).ToList();

    private static readonly string[] OutputExtensions = [".csv", ".lp", ".json", ".tmp"];

    private static readonly HashSet<string> HostileNames = FuzzValues.HostileIds
        .Select(id => id.Split('/', '\\')[^1]).Where(n => n.Length > 0 && n is not ("." or "..")).ToHashSet(StringComparer.Ordinal);

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static void Cleanup(string caseRoot, string inputPath)
    {
        try
        {
            Directory.Delete(caseRoot, recursive: true);
            File.Delete(inputPath);
        }
        catch (IOException)
        {
            // best effort: Dispose removes the whole fuzz folder
        }
    }
}
