using System.CommandLine;

namespace Sems.Silo.Cli;

/// <summary><c>sems help [COMMAND]</c>: the help of the whole command line, or of one command, on stdout.</summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var names = new Argument<string[]>("COMMAND") { Description = "The command to describe (e.g. solve, or db init); none for all commands.", Arity = ArgumentArity.ZeroOrMore };
        names.Validators.Add(result =>
        {
            Command current = root;
            foreach (var token in result.Tokens)
            {
                if (current.Subcommands.FirstOrDefault(c => c.Name == token.Value) is not { } next)
                {
                    result.AddError($"help: \"{token.Value}\" is not a command of {(current == root ? "sems" : current.Name)}; the commands are {string.Join(", ", current.Subcommands.Select(c => c.Name))}");
                    return;
                }

                current = next;
            }
        });
        var command = new Command("help", "Shows the help of sems or of one command.") { names };
        command.SetAction(parseResult => root.Parse([.. parseResult.GetValue(names) ?? [], "--help"]).Invoke(parseResult.InvocationConfiguration));
        return command;
    }
}
