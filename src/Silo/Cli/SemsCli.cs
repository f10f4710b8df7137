using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Sems.Silo.Cli;

/// <summary>
/// The <c>sems</c> command line, parsed by System.CommandLine: every command's options, help text and typo suggestions
/// come from its definition; every command returns its exit code. A parse error (unknown command or option, missing
/// or malformed value, value out of its documented range) exits with <see cref="InvalidInput"/>, the problem on stderr.
/// </summary>
public static class SemsCli
{
    /// <summary>Exit code for bad usage or an invalid district file.</summary>
    public const int InvalidInput = 2;

    /// <summary>Exit code for an I/O failure: an input file that cannot be read, output that cannot be written, a store that cannot be used.</summary>
    public const int IoFailure = 3;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CliBackends.Default);

    /// <summary>Runs the command line with the given store back-ends (tests pass fakes).</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliBackends backends)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = CreateRoot(stdout, stderr, backends);
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (args.Length == 0)
        {
            root.Parse(["--help"], Parsing).Invoke(invocation);
            return InvalidInput;
        }

        var result = root.Parse(args, Parsing);
        if (result.Action is ParseErrorAction errorAction)
        {
            // The errors and System.CommandLine's typo suggestions on stderr; stdout stays empty.
            errorAction.ShowHelp = false;
            errorAction.ShowTypoCorrections = true;
            result.Invoke(new InvocationConfiguration { Output = stderr, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
            stderr.WriteLine($"Run \"{CommandPath(result.CommandResult.Command)} --help\" for its usage.");
            return InvalidInput;
        }

        return result.Invoke(invocation);
    }

    /// <summary>The whole command tree; the actions write to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    internal static RootCommand CreateRoot(TextWriter stdout, TextWriter stderr, CliBackends backends)
    {
        var root = new RootCommand("SEMS: model-predictive control and coordination of a district's energy subsystems (O'Dwyer et al.).");
        root.Add(SolveCommand.Create(stdout, stderr));
        root.Add(CoordinateCommand.Create(stdout, stderr));
        root.Add(MarketCommand.Create(stdout, stderr));
        root.Add(ServeCommand.Create(stdout, stderr));
        root.Add(GatewayCommand.Create(stdout, stderr));
        root.Add(SimulateCommand.Create(stdout, stderr));
        root.Add(TwinCommand.Create(stdout, stderr));
        root.Add(DemoCommand.Create(stdout, stderr));
        root.Add(ForecastEvalCommand.Create(stdout, stderr));
        root.Add(IdentifyCommand.Create(stdout, stderr));
        root.Add(DbCommand.Create(stdout, stderr, backends));
        root.Add(HistoryCommand.Create(stdout, stderr, backends));
        root.Add(TokenCommand.Create(stdout, stderr));
        root.Add(HelpCommand.Create(root));
        var notes = new Dictionary<Command, string>
        {
            [root] = Notes,
        };
        foreach (var command in root.Subcommands)
        {
            if (CommandNotes(command.Name) is { } text) notes[command] = text;
            foreach (var subcommand in command.Subcommands)
            {
                if (CommandNotes($"{command.Name} {subcommand.Name}") is { } subText) notes[subcommand] = subText;
            }
        }

        foreach (var option in root.Options)
        {
            if (option is HelpOption help && help.Action is HelpAction helpAction)
            {
                helpAction.MaxWidth = HelpWidth;
                help.Action = new HelpWithNotes(helpAction, notes);
            }
        }

        return root;
    }

    internal static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"sems: {message}");
        return InvalidInput;
    }

    /// <summary>Reports output that cannot be written, naming the option and the path; returns <see cref="IoFailure"/>.</summary>
    internal static int OutputFailure(TextWriter stderr, string option, string path, string problem)
    {
        stderr.WriteLine($"sems: {option} \"{path}\": {problem}");
        return IoFailure;
    }

    /// <summary>Columns the help text is wrapped to.</summary>
    private const int HelpWidth = 118;

    /// <summary>What the root's help adds below the generated sections.</summary>
    internal const string Notes = """
        Exit codes: 0 success; 1 a plan or a limit is not met (solve, coordinate, identify: see each command's help);
        2 invalid input or usage (every parse error, an invalid district, scenario or data file); 3 an I/O failure
        (a file that cannot be read, an output folder that cannot be written, a store that cannot be used); 4 the local
        energy market's price loop did not converge (market run).

        Output folders (--csv, --lp, --out): checked before the run starts; a path that is an existing file, lies under
        a file or cannot be written fails at once with exit code 3, naming the option and the path. The files are written
        into a temporary sibling folder first and moved into place only when all of them are complete, so a failure
        leaves neither a partial set nor temporary files. A folder that already exists is updated, never emptied: files
        of the same name are replaced, every other file in it is kept. Subsystem ids and scenario names are used as file
        names only when they are plain names (no separators, no "." or "..", no control characters).

        "sems COMMAND --help" (or "sems help COMMAND") shows a command's options.
        """;

    private static string? CommandNotes(string name) => name switch
    {
        "solve" => SolveCommand.Notes,
        "coordinate" => CoordinateCommand.Notes,
        "serve" => ServeCommand.Notes,
        "gateway" => GatewayCommand.Notes,
        "token" => TokenCommand.Notes,
        "forecast-eval" => ForecastEvalCommand.Notes,
        "identify" => IdentifyCommand.Notes,
        "history" => HistoryCommand.Notes,
        "twin" => TwinCommand.Notes,
        "market run" => MarketRunCommand.Notes,
        "market coordinator" => MarketCoordinatorCommand.Notes,
        "market prosumer" => MarketProsumerCommand.Notes,
        _ => null,
    };

    /// <summary>Parsing as the commands expect: "@name" is a file name, not a response file.</summary>
    private static ParserConfiguration Parsing { get; } = new() { ResponseFileTokenReplacer = null };

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault()) names.Insert(0, c is RootCommand ? "sems" : c.Name);
        return string.Join(' ', names);
    }
}
