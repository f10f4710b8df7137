using Sems.Contracts.History;

namespace Sems.Silo.Cli;

/// <summary>Opens the history store of a PostgreSQL database for reading (<c>sems history</c>).</summary>
public interface IHistoryReaderFactory
{
    IHistoryReader Create(string connectionString);
}
