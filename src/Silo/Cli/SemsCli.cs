namespace Sems.Silo.Cli;

/// <summary>The <c>sems</c> command line: dispatches to a command; every command returns its exit code.</summary>
public static class SemsCli
{
    /// <summary>Exit code for bad usage or an invalid district file.</summary>
    public const int InvalidInput = 2;

    /// <summary>Exit code for an I/O failure: an input file that cannot be read, or output that cannot be written.</summary>
    public const int IoFailure = 3;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            stdout.Write(Usage);
            return args.Length == 0 ? InvalidInput : 0;
        }

        return args[0] switch
        {
            "solve" => SolveCommand.Run(args[1..], stdout, stderr),
            "coordinate" => CoordinateCommand.Run(args[1..], stdout, stderr),
            "serve" => ServeCommand.Run(args[1..], stdout, stderr),
            "simulate" => SimulateCommand.Run(args[1..], stdout, stderr),
            "demo" => DemoCommand.Run(args[1..], stdout, stderr),
            "forecast-eval" => ForecastEvalCommand.Run(args[1..], stdout, stderr),
            "identify" => IdentifyCommand.Run(args[1..], stdout, stderr),
            _ => Fail(stderr, $"unknown command \"{args[0]}\""),
        };
    }

    internal static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"sems: {message}");
        stderr.Write(Usage);
        return InvalidInput;
    }

    /// <summary>Reports output that cannot be written, naming the option and the path; returns <see cref="IoFailure"/>.</summary>
    internal static int OutputFailure(TextWriter stderr, string option, string path, string problem)
    {
        stderr.WriteLine($"sems: {option} \"{path}\": {problem}");
        return IoFailure;
    }

    internal const string Usage = """
        usage:
          sems solve FILE [--json] [--csv DIR] [--lp DIR] [options]
              Solves every subsystem's MPC problem (eqs. 1–24) of the district file FILE, without coordination.
              --json                 print only the JSON array of results (the district-format contract) on stdout
              --csv DIR              write every trajectory as CSV files under DIR/<subsystem id>/
              --lp DIR               write each subsystem's model in CPLEX LP format (names carry units) for another solver
              --time-limit SECONDS   wall-clock limit per solve (default 30 s)
              --gap FRACTION         relative MILP gap at which to stop (default 1e-4)
              --slack-segments K     segments of the piecewise-linear ε² (default 8)
              --slack-range R        ε range, in the output's unit, where the ε² error is at most R²/(4K²) (default 8)
              --lp-solver NAME       GLOP (default), PDLP or CLP
              --mip-solver NAME      SCIP (default), CBC or HIGHS
            exit code: 0 every subsystem optimal or feasible, 1 one is not (infeasible, unbounded, error),
                       2 invalid file or usage, 3 an output folder cannot be written (nothing printed on stdout then)
          sems coordinate FILE [--json]
              Runs one coordination cycle (Algorithm 1) of the district in an embedded silo: every subsystem plans,
              the coordinator tightens their Pmax in priority order until the district limits hold, then commits step 0.
              --json                 print only the contract's coordination JSON object on stdout
            exit code: 0 every subsystem holds a plan and every district limit holds, 1 otherwise, 2 invalid file
          sems serve FILE [--start ISO-8601] [--silo-port 11111] [--gateway-port 30000] [--listen ADDRESS --allow-unauthenticated]
              Starts a silo (providers from appsettings.json and environment variables, default: localhost clustering,
              in-memory storage), loads the district and runs a coordination cycle every step until stopped (Ctrl-C).
              Its silo and gateway endpoints listen on 127.0.0.1 only and are logged on stderr. They are unauthenticated:
              --listen (or Sems:Listen:Address) binds another address only together with --allow-unauthenticated.
          sems demo [--days 14] [--seed 1] [--out sems-demo-report]
              Runs the paper's three case studies on the digital twin, prints their tables beside the paper's numbers
              and writes a report folder (index.html, PNG plots, CSVs).
          sems simulate SCENARIO.json [--out DIR]
              Runs the digital twin against SEMS (embedded silo, simulated clock) for the scenario and prints its KPIs;
              --out writes every step as CSV.
          sems forecast-eval --csv FILE --time COLUMN --target COLUMN [--feature COLUMN ...] [--test-days 60] [--seed 1] [--unit TEXT]
              Day-ahead accuracy (MAE, RMSE, NMBE, CV(RMSE)) of every forecasting method on the last test days of any
              hourly or sub-hourly CSV, trained on everything before them; reports the gaps and zero runs it skipped.
              --test-days from 1 to the file's days minus 21 (the least training); --seed from 0 to 2147483647.
          sems identify --csv FILE --time COLUMN --state COLUMN --input TYPE=COLUMN ... [--disturbance NAME=COLUMN ...] [--id ID] [--band LO,UP] [--unit TEXT]
              Fits a first-order state-space demand model by ridge regression (λ chosen on held-out data), prints its
              ASHRAE G14 figures and the district file's demand block. --band: two finite numbers, LO ≤ UP (default 60,75);
              --unit: the state's unit in the output (e.g. °C). Exit 1 when the G14 targets are not met or the fitted
              model is unstable (|A| ≥ 1).
            CSV files are read as UTF-8 (times 1900–2199, steps of whole minutes up to 1 h). Exit code 2 for invalid
            data or options, 3 when the file cannot be read.
          sems help

        output folders (--csv, --lp, --out): checked before the run starts; a path that is an existing file, lies under
        a file or cannot be written fails at once with exit code 3, naming the option and the path. The files are written
        into a temporary sibling folder first and moved into place only when all of them are complete, so a failure
        leaves neither a partial set nor temporary files. A folder that already exists is updated, never emptied: files
        of the same name are replaced, every other file in it is kept. Subsystem ids and scenario names are used as file
        names only when they are plain names (no separators, no "." or "..", no control characters).
        """ + "\n";
}
