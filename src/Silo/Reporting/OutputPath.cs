namespace Sems.Silo.Reporting;

/// <summary>
/// Builds every path under an output folder from names that are checked to be plain single file names, and checks an
/// output folder before a run starts. Ids and scenario names from input files are never trusted as paths.
/// </summary>
public static class OutputPath
{
    /// <summary>
    /// <paramref name="root"/> joined with <paramref name="names"/>, each a single plain file name; the full result is
    /// checked to stay under the full <paramref name="root"/>.
    /// </summary>
    /// <exception cref="UnsafeFileNameException">A name is not a plain file name.</exception>
    public static string Under(string root, params IReadOnlyList<string> names)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(names);
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var path = fullRoot;
        foreach (var name in names)
        {
            CheckName(name);
            path = Path.Combine(path, name);
        }

        var full = Path.GetFullPath(path);
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnsafeFileNameException(string.Join('/', names), "resolves outside the output folder");
        return full;
    }

    /// <summary>Throws unless <paramref name="name"/> is one plain file name.</summary>
    /// <exception cref="UnsafeFileNameException">It is not.</exception>
    public static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var reason = name switch
        {
            "" => "empty",
            "." or ".." => "a relative folder reference",
            _ when name.Any(char.IsControl) => "holds a control character",
            _ when name.IndexOfAny(['/', '\\']) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 => "holds a path separator or a character not allowed in file names",
            _ when Path.IsPathRooted(name) || name.Contains(':', StringComparison.Ordinal) => "rooted",
            _ => null,
        };
        if (reason is not null) throw new UnsafeFileNameException(name, reason);
    }

    /// <summary>
    /// Checks, before anything is computed, that the output folder <paramref name="directory"/> can be created or
    /// written: it is not an existing file, no parent of it is a file, and the folder it would be created in (or the
    /// folder itself, when it exists) accepts new entries.
    /// </summary>
    /// <returns>Why it cannot be used, or null when it can.</returns>
    public static string? ProblemWithFolder(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string full;
        try
        {
            if (directory.Length == 0 || directory.Any(char.IsControl)) return "is not a usable path";
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"is not a usable path ({e.Message})";
        }

        if (File.Exists(full)) return "is an existing file, not a folder";
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing)) return $"cannot be created: \"{existing}\" is a file";
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) return "cannot be created: no existing parent folder";
            existing = parent;
        }

        // The results are assembled in a sibling of the folder, then moved into it: both must accept new entries.
        var parentOfFolder = Path.GetDirectoryName(full) ?? full;
        foreach (var folder in existing == full ? [full, parentOfFolder] : new[] { existing })
        {
            if (Probe(folder) is { } problem) return $"cannot be written: \"{folder}\": {problem}";
        }

        return null;
    }

    private static string? Probe(string folder)
    {
        var probe = Path.Combine(folder, $".sems-probe-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
