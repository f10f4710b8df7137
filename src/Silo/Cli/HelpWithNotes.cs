using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Sems.Silo.Cli;

/// <summary>System.CommandLine's help, followed by the notes of the command it describes (exit codes, file rules).</summary>
internal sealed class HelpWithNotes(HelpAction help, IReadOnlyDictionary<Command, string> notes) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var exit = help.Invoke(parseResult);
        if (notes.TryGetValue(parseResult.CommandResult.Command, out var text))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(text.TrimEnd());
            output.WriteLine();
        }

        return exit;
    }
}
