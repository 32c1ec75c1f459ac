using System.Collections.Immutable;

namespace MachActors.Personalities.Unix.Emulation;

/// <summary>
/// The environment (docs/UNIX.md, "The environment"): as in UNIX it is the process's own data, kept by
/// this library, not by the server or the kernel. execve hands it to the server with the arguments and
/// the server gives it to the new program's library; fork's child starts with a copy. getenv, setenv and
/// unsetenv change only this copy, as libc's do.
/// </summary>
public sealed partial class UnixEnv
{
    private ImmutableArray<string> _environ = [];

    /// <summary>The environment: <c>NAME=value</c> strings, in order.</summary>
    public IReadOnlyList<string> Environ => _environ;

    /// <summary>getenv(3): the value of <paramref name="name"/>, or null when it is not set.</summary>
    public string? Getenv(string name) => EnvironmentList.Get(_environ, name);

    /// <summary>setenv(3), always overwriting: EINVAL for an empty name, one with '=' or a control character, or a value with a control separator.</summary>
    public Errno Setenv(string name, string value)
    {
        if (EnvironmentList.Set(_environ, name, value) is not { } set) return Errno.EINVAL;
        _environ = set;
        return Errno.None;
    }

    /// <summary>unsetenv(3): <paramref name="name"/> leaves the environment (not set is no error); EINVAL for a name that is no name.</summary>
    public Errno Unsetenv(string name)
    {
        if (!EnvironmentList.IsName(name)) return Errno.EINVAL;
        _environ = EnvironmentList.Unset(_environ, name);
        return Errno.None;
    }

    /// <summary>clearenv(3): the environment becomes empty.</summary>
    public void Clearenv() => _environ = [];

    /// <summary>
    /// execve(2): the process runs the program whose text is <paramref name="path"/> (relative to the
    /// current directory without a leading '/') with <paramref name="argv"/> (none: the path) and
    /// environment <paramref name="envp"/> (its entries without '=' are dropped by the server). Returns
    /// only on failure: E2BIG when the arguments or the environment are over <see cref="EnvironmentList.MaxBytes"/>
    /// (or hold the separator U+001F), ENOENT, ENOEXEC (not a program).
    /// </summary>
    public async Task<Errno> Execve(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(envp);
        if (!EnvironmentList.Fits(argv) || !EnvironmentList.Fits(envp) || argv.Concat(envp).Any(s => s.Contains(EnvironmentList.Separator, StringComparison.Ordinal))) return Errno.E2BIG;
        var (entered, server) = await Enter(Syscalls.Execve);
        if (entered != Errno.None) return entered;
        var r = await Stub.ExecveAsync(server, path, EnvironmentList.Join(argv.Count == 0 ? [path] : argv), EnvironmentList.Join(envp));
        return await Leave(r.RetCode, r.Signals);
    }

    /// <summary>
    /// execvp(3): the process runs program <paramref name="name"/> with <paramref name="argv"/> (none: the
    /// name) and this environment. A name with '/' is a path; any other is looked for in each directory of
    /// PATH in turn (<see cref="EnvironmentList.Candidates"/>; PATH unset: /bin), going on after ENOENT
    /// and ENOTDIR. Returns only on failure: the last such error, or the first other one (ENOEXEC, E2BIG).
    /// </summary>
    public async Task<Errno> Exec(string name, params string[] argv)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(argv);
        var error = Errno.ENOENT;
        foreach (var path in EnvironmentList.Candidates(name, Getenv("PATH")))
        {
            error = await Execve(path, argv.Length == 0 ? [name] : argv, _environ);
            if (error is not (Errno.ENOENT or Errno.ENOTDIR)) return error;
        }
        return error;
    }
}
