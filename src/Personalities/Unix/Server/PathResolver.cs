namespace MachActors.Personalities.Unix.Server;

/// <summary>
/// Turns a path a process names into the absolute path the file system takes: a path not starting
/// with '/' is taken from the process's current directory; "." components are dropped, ".." removes
/// the component before it (at the root it stays at the root), repeated and trailing slashes go. The
/// walk is lexical (there are no symbolic links), so "/f/.." is "/" even when f is a file. The empty
/// path stays empty (the file system rejects it). Plain: no state.
/// </summary>
public static class PathResolver
{
    /// <summary>The root directory.</summary>
    public const string Root = "/";

    /// <summary>The absolute, canonical form of <paramref name="path"/> seen from <paramref name="cwd"/> (itself absolute).</summary>
    public static string Resolve(string cwd, string path)
    {
        ArgumentNullException.ThrowIfNull(cwd);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0) return "";
        var names = new List<string>();
        var full = path[0] == '/' ? path : cwd + "/" + path;
        foreach (var name in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name == ".") continue;
            if (name == "..")
            {
                if (names.Count > 0) names.RemoveAt(names.Count - 1);
                continue;
            }
            names.Add(name);
        }
        return Root + string.Join('/', names);
    }
}
