using System.CommandLine;

namespace Sems.Silo.Cli;

/// <summary>
/// <c>sems market …</c>: the local energy market's commands. Each subcommand is one entry of <see cref="Subcommands"/>;
/// a new one is added there.
/// </summary>
internal static class MarketCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("market",
            "The local energy market: prosumers schedule against peer-to-peer prices that the market coordinator iterates until the community's cost settles.");
        foreach (var subcommand in Subcommands(stdout, stderr)) command.Add(subcommand);
        return command;
    }

    /// <summary>The market's subcommands, in help order.</summary>
    private static IReadOnlyList<Command> Subcommands(TextWriter stdout, TextWriter stderr) =>
    [
        MarketRunCommand.Create(stdout, stderr),
        MarketCoordinatorCommand.Create(stdout, stderr),
        MarketProsumerCommand.Create(stdout, stderr),
    ];
}
