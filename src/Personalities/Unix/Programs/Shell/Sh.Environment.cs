using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>
/// The environment (docs/UNIX.md, "The environment"): the shell starts with a variable, exported, for each
/// entry of its environment whose name is a shell name; <c>export</c> marks variables; a program it runs gets
/// the exported variables that are set, and the assignments written before its name (<c>X=1 cmd</c>), which
/// stay out of the shell's own variables.
/// </summary>
public sealed partial class Sh
{
    private readonly HashSet<string> _exported = new(StringComparer.Ordinal);

    /// <summary>The environment's entries with shell names become exported variables.</summary>
    private void Import()
    {
        foreach (var entry in _u.Environ)
        {
            if (EnvironmentList.NameOf(entry) is not { } name || !ShellExpander.IsName(name)) continue;
            _variables[name] = entry[(name.Length + 1)..];
            _exported.Add(name);
        }
    }

    /// <summary>
    /// export NAME[=value]...: each NAME (set to value first when given) is exported; a name that is not one is
    /// "sh: export: NAME: bad variable name" and status 1 (the others still count). Without names: the exported
    /// variables that are set, as "export NAME='value'" lines, sorted.
    /// </summary>
    private async Task<int> Export(IReadOnlyList<string> argv)
    {
        if (argv.Count == 1)
        {
            var lines = _exported.Where(_variables.ContainsKey).Order(StringComparer.Ordinal).Select(n => $"export {n}='{_variables[n].Replace("'", "'\\''", StringComparison.Ordinal)}'\n");
            return (await ProgramIo.Out(_u, string.Concat(lines))).Error == Errno.None ? 0 : 1;
        }
        var status = 0;
        foreach (var word in argv.Skip(1))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? word : word[..eq];
            if (!ShellExpander.IsName(name))
            {
                status = await ProgramIo.Fail(_u, $"sh: export: {name}: bad variable name");
                continue;
            }
            if (eq >= 0) _variables[name] = word[(eq + 1)..];
            _exported.Add(name);
        }
        return status;
    }

    /// <summary>The environment a command gets: the exported variables that are set, in name order.</summary>
    private IEnumerable<KeyValuePair<string, string>> Exported() =>
        _exported.Where(_variables.ContainsKey).Order(StringComparer.Ordinal).Select(n => new KeyValuePair<string, string>(n, _variables[n]));

    /// <summary>Sets and exports <paramref name="assignments"/> in this shell (a forked child: for the command it runs).</summary>
    private void ExportAll(IReadOnlyList<KeyValuePair<string, string>> assignments)
    {
        foreach (var (name, value) in assignments)
        {
            _variables[name] = value;
            _exported.Add(name);
        }
    }

    /// <summary>
    /// Runs a builtin or function in the shell with the command's assignments set and exported for its
    /// duration; the variables are as they were afterwards. Null when <paramref name="command"/> names neither.
    /// </summary>
    private async Task<int?> BuiltinWith(ExpandedCommand command)
    {
        if (command.Assignments.Count == 0) return await Builtin(command.Argv);
        var saved = command.Assignments.Select(a => (a.Key, Value: _variables.GetValueOrDefault(a.Key), Exported: _exported.Contains(a.Key))).Reverse().ToList();
        ExportAll(command.Assignments);
        var result = await Builtin(command.Argv);
        foreach (var (name, value, exported) in saved)
        {
            if (value is null) _variables.Remove(name);
            else _variables[name] = value;
            if (!exported) _exported.Remove(name);
        }
        return result;
    }

    /// <summary>execvp of <paramref name="argv"/> from a command's child: the process's environment becomes the shell's exported variables (PATH among them: the search path).</summary>
    private static async Task<Errno> ExecWith(UnixEnv c, IReadOnlyList<string> argv, IEnumerable<KeyValuePair<string, string>> environ)
    {
        c.Clearenv();
        foreach (var (name, value) in environ) c.Setenv(name, value);
        return await c.Exec(argv[0], [.. argv]);
    }
}
