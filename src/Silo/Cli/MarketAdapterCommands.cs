using System.CommandLine;

namespace Sems.Silo.Cli;

/// <summary>
/// The market's Kafka subcommands, <c>coordinator</c> and <c>prosumer</c>, for the <c>sems market</c> group; until that
/// group exists, <see cref="Group"/> makes one holding only them.
/// </summary>
internal static class MarketAdapterCommands
{
    /// <summary>The two subcommands, in help order.</summary>
    public static IReadOnlyList<Command> Subcommands(TextWriter stdout, TextWriter stderr) =>
    [
        MarketCoordinatorCommand.Create(stdout, stderr),
        MarketProsumerCommand.Create(stdout, stderr),
    ];

    /// <summary>A <c>market</c> group with the Kafka subcommands alone.</summary>
    public static Command Group(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("market", "The local energy market: prosumers schedule against peer-to-peer prices that the market coordinator iterates until the community's cost settles.");
        foreach (var subcommand in Subcommands(stdout, stderr)) command.Add(subcommand);
        return command;
    }
}
