using System.Collections.Immutable;
using System.Text;

namespace MachActors.Personalities.Unix.Emulation;

/// <summary>
/// A process's environment as execve passes it: a list of <c>NAME=value</c> strings (docs/UNIX.md,
/// "The environment"). Plain functions over immutable lists, used by the emulation library (getenv,
/// setenv, unsetenv, execvp's PATH search), by the server (what exec hands the new program) and by the
/// shell. An entry without '=' (or with an empty name) is not an entry: it is dropped where a list comes
/// in; a name appears at most once (the first entry wins).
/// </summary>
public static class EnvironmentList
{
    /// <summary>The separator of argv and envp strings in the exec request (a string holds neither).</summary>
    public const char Separator = '\u001f';

    /// <summary>The most UTF-8 bytes of the joined argument strings or environment strings an exec takes (each: the request's bound; more is E2BIG).</summary>
    public const int MaxBytes = 4000;

    /// <summary>The search path when PATH is unset.</summary>
    public const string DefaultPath = "/bin";

    /// <summary>True when <paramref name="name"/> can name a variable: not empty, no '=', no control character.</summary>
    public static bool IsName(string? name) => !string.IsNullOrEmpty(name) && !name.Any(c => c == '=' || char.IsControl(c));

    /// <summary>The name of entry <paramref name="entry"/> (before its first '='), or null when it is no entry.</summary>
    public static string? NameOf(string? entry)
    {
        var at = entry?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (at <= 0) return null;
        var name = entry![..at];
        return IsName(name) && !entry.Contains(Separator, StringComparison.Ordinal) ? name : null;
    }

    /// <summary>The well-formed entries of <paramref name="entries"/>, in order, the first of each name only.</summary>
    public static ImmutableArray<string> Clean(IEnumerable<string?> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = ImmutableArray.CreateBuilder<string>();
        foreach (var entry in entries)
        {
            if (NameOf(entry) is { } name && seen.Add(name)) kept.Add(entry!);
        }
        return kept.ToImmutable();
    }

    /// <summary>The value of <paramref name="name"/> in <paramref name="environ"/>, or null.</summary>
    public static string? Get(IEnumerable<string> environ, string name)
    {
        ArgumentNullException.ThrowIfNull(environ);
        foreach (var entry in environ)
        {
            if (NameOf(entry) == name) return entry[(name.Length + 1)..];
        }
        return null;
    }

    /// <summary><paramref name="environ"/> with <paramref name="name"/> set to <paramref name="value"/> (in its place, or appended); null when the name is not a name or the value holds a control character.</summary>
    public static ImmutableArray<string>? Set(ImmutableArray<string> environ, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsName(name) || value.Contains(Separator, StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal)) return null;
        var entry = name + "=" + value;
        var at = IndexOf(environ, name);
        return at < 0 ? environ.Add(entry) : environ.SetItem(at, entry);
    }

    /// <summary><paramref name="environ"/> without <paramref name="name"/>.</summary>
    public static ImmutableArray<string> Unset(ImmutableArray<string> environ, string name)
    {
        var at = IndexOf(environ, name);
        return at < 0 ? environ : environ.RemoveAt(at);
    }

    /// <summary>The strings joined for the exec request.</summary>
    public static string Join(IEnumerable<string> strings) => string.Join(Separator, strings);

    /// <summary>The strings of an exec request's field ("" is none).</summary>
    public static ImmutableArray<string> Split(string joined) => joined.Length == 0 ? [] : [.. joined.Split(Separator)];

    /// <summary>True when the joined strings fit an exec request (<see cref="MaxBytes"/>).</summary>
    public static bool Fits(IEnumerable<string> strings) => Encoding.UTF8.GetByteCount(Join(strings)) <= MaxBytes;

    /// <summary>
    /// The paths execvp tries for <paramref name="name"/>, in order: the name itself when it has a '/'; else
    /// NAME in each directory of <paramref name="path"/> (':'-separated; an empty one is the current
    /// directory; null: <see cref="DefaultPath"/>).
    /// </summary>
    public static IReadOnlyList<string> Candidates(string name, string? path)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('/', StringComparison.Ordinal)) return [name];
        if (name.Length == 0) return [];
        return [.. (path ?? DefaultPath).Split(':').Select(dir => dir.Length == 0 ? "./" + name : dir.TrimEnd('/') + "/" + name)];
    }

    private static int IndexOf(ImmutableArray<string> environ, string name)
    {
        for (var i = 0; i < environ.Length; i++)
        {
            if (NameOf(environ[i]) == name) return i;
        }
        return -1;
    }
}
