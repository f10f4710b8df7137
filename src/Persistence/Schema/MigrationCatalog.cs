using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Sems.Persistence.Schema;

/// <summary>The migrations embedded in this assembly (Migrations/NNNN_name.sql), in version order.</summary>
public static class MigrationCatalog
{
    private const string Prefix = "Sems.Persistence.Migrations.";

    private static readonly Lazy<IReadOnlyList<Migration>> Embedded = new(Load);

    /// <summary>Every migration the code knows, ordered by version.</summary>
    public static IReadOnlyList<Migration> All => Embedded.Value;

    /// <summary>The highest version the code knows.</summary>
    public static int LatestVersion => All[^1].Version;

    /// <summary>SHA-256 (lowercase hex) of the script with line endings normalised to \n, so a checkout's line endings don't matter.</summary>
    public static string Checksum(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    private static IReadOnlyList<Migration> Load()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var name = resource[Prefix.Length..^".sql".Length];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidOperationException($"Migration resource \"{resource}\" is not named NNNN_name.sql.");
            var sql = Read(assembly, resource);
            migrations.Add(new Migration(version, name, sql, Checksum(sql)));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Name} at position {i + 1}.");
        }
        if (migrations.Count == 0) throw new InvalidOperationException("No migrations are embedded in the assembly.");
        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"Missing resource {resource}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
