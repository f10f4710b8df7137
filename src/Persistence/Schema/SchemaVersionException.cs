namespace Sems.Persistence.Schema;

/// <summary>
/// The database's schema cannot be migrated by this build: it is newer than the code knows, or an applied migration's
/// checksum differs from the script shipped (someone changed an applied script or the database by hand).
/// </summary>
public sealed class SchemaVersionException : Exception
{
    public SchemaVersionException()
    {
    }

    public SchemaVersionException(string message) : base(message)
    {
    }

    public SchemaVersionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The highest version recorded in the database, when known.</summary>
    public int? DatabaseVersion { get; init; }

    /// <summary>The highest version this build knows.</summary>
    public int? CodeVersion { get; init; }
}
