using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix;

/// <summary>
/// A UNIX program: an async method over its process's <see cref="UnixEnv"/> that awaits only system
/// calls (and the machine's trap API underneath); its result is the exit status (returning calls exit).
/// </summary>
/// <param name="u">The process's emulation library.</param>
/// <param name="argv">Its arguments (argv[0] is the program's name).</param>
public delegate Task<int> UnixProgram(UnixEnv u, IReadOnlyList<string> argv);

/// <summary>The programs exec can run, by name: the server installs each as /bin/NAME (docs/UNIX.md, "exec").</summary>
public sealed class UnixProgramRegistry
{
    private readonly SortedDictionary<string, UnixProgram> _programs = new(StringComparer.Ordinal);

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _programs.Keys];

    /// <summary>Registers <paramref name="program"/> as <paramref name="name"/> (no slash, at most 64 characters).</summary>
    /// <exception cref="ArgumentException">The name is empty, has a slash or a control character, is too long, or is taken.</exception>
    public UnixProgramRegistry Register(string name, UnixProgram program)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(program);
        if (name.Length > 64 || name.Any(c => c == '/' || char.IsControl(c))) throw new ArgumentException($"'{name}' is not a program name", nameof(name));
        if (!_programs.TryAdd(name, program)) throw new ArgumentException($"a program named '{name}' is already registered", nameof(name));
        return this;
    }

    /// <summary>The program named <paramref name="name"/>, or null.</summary>
    public UnixProgram? Find(string name) => _programs.GetValueOrDefault(name);
}
