namespace Sems.Silo.Reporting;

/// <summary>
/// Writes a set of files into a folder whole or not at all. Every file is first written into a temporary sibling of the
/// folder (same parent, so moves are renames). A folder that does not exist yet (or is empty) is then replaced by the
/// temporary folder in one rename; into an existing folder the files are moved one by one, replacing files of the same
/// name and leaving every other file alone, and if a move fails the files already moved are put back. The temporary
/// folders are removed in every case.
/// </summary>
public static class AtomicFolder
{
    /// <summary>Writes <paramref name="files"/> under <paramref name="directory"/>.</summary>
    /// <returns>The number of files written.</returns>
    /// <exception cref="UnsafeFileNameException">A file's name is not a plain file name.</exception>
    /// <exception cref="IOException">The folder cannot be written; nothing of the set is left behind.</exception>
    public static int Write(string directory, IEnumerable<OutputFile> files)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(files);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var parent = Path.GetDirectoryName(root) ?? throw new IOException($"cannot write files into the file-system root \"{root}\"");
        Directory.CreateDirectory(parent);
        var stem = $".{Path.GetFileName(root)}.{Guid.NewGuid():N}";
        var staging = Path.Combine(parent, stem + ".tmp");
        var previous = Path.Combine(parent, stem + ".old");
        try
        {
            Directory.CreateDirectory(staging);
            var written = new List<IReadOnlyList<string>>();
            foreach (var file in files)
            {
                var path = OutputPath.Under(staging, file.Names);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(file.Content());
                    stream.Flush(flushToDisk: true);
                }

                written.Add(file.Names);
            }

            if (Directory.Exists(root) && !Directory.EnumerateFileSystemEntries(root).Any()) Directory.Delete(root);
            if (!Directory.Exists(root)) Directory.Move(staging, root);
            else MoveInto(root, staging, previous, written);
            return written.Count;
        }
        finally
        {
            DeleteQuietly(staging);
            DeleteQuietly(previous);
        }
    }

    private static void MoveInto(string root, string staging, string previous, IReadOnlyList<IReadOnlyList<string>> files)
    {
        var moved = new List<(string Target, string? Backup)>();
        try
        {
            foreach (var names in files)
            {
                var target = OutputPath.Under(root, names);
                if (Directory.Exists(target)) throw new IOException($"\"{target}\" is a folder, not a file");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                string? backup = null;
                if (File.Exists(target))
                {
                    backup = OutputPath.Under(previous, names);
                    Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
                    File.Move(target, backup);
                }

                moved.Add((target, backup));
                File.Move(OutputPath.Under(staging, names), target);
            }
        }
        catch
        {
            for (var k = moved.Count - 1; k >= 0; k--)
            {
                var (target, backup) = moved[k];
                try
                {
                    if (File.Exists(target) && (backup is null || File.Exists(backup))) File.Delete(target);
                    if (backup is not null && File.Exists(backup)) File.Move(backup, target);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // best effort: the original error matters more
                }
            }

            throw;
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: a stray temporary folder must not hide the result or the original error
        }
    }
}
