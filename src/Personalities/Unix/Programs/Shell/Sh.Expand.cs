using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>A redirection after expansion.</summary>
/// <param name="Kind">In, Out, Append, DupOut or DupIn.</param>
/// <param name="Fd">The descriptor it replaces.</param>
/// <param name="Target">The file, or the descriptor number or "-".</param>
internal sealed record ExpandedRedirect(ShellTokenKind Kind, int Fd, string Target);

/// <summary>A command after expansion: argv and its redirections (assignments before a command's words are not kept: there is no environment).</summary>
/// <param name="Argv">The words, expanded, split and globbed.</param>
/// <param name="Redirects">The redirections, targets expanded.</param>
internal sealed record ExpandedCommand(IReadOnlyList<string> Argv, IReadOnlyList<ExpandedRedirect> Redirects);

/// <summary>Expanding a command's words with this shell's variables and the file system's directories.</summary>
public sealed partial class Sh
{
    /// <summary>The value of $NAME (and of $? $$ $! $0 $#): null when unset.</summary>
    private string? Lookup(string name) => name switch
    {
        "?" => Number(_status),
        "$" => Number(_pid),
        "!" => _lastBackground is { } pid ? Number(pid) : null,
        "0" => "sh",
        "#" => "0",
        _ => _variables.GetValueOrDefault(name),
    };

    /// <summary>Sets the variables of a command of assignments only, left to right (a value sees the ones before it).</summary>
    private void Assign(ShellCommand command)
    {
        foreach (var a in command.Assignments) _variables[a.Name] = ShellExpander.Text(a.Value, Lookup);
    }

    /// <summary>Expands <paramref name="command"/>: redirection targets to one string each; words to fields (<see cref="ShellExpander"/>), each pattern globbed against the directories (<see cref="ShellGlob"/>).</summary>
    private async Task<ExpandedCommand> Expand(ShellCommand command)
    {
        var argv = new List<string>();
        foreach (var word in command.Words)
        {
            foreach (var field in ShellExpander.Fields(word, Lookup)) argv.AddRange(await ShellGlob.Expand(field, List));
        }
        return new ExpandedCommand(
            argv,
            [.. command.Redirects.Select(r => new ExpandedRedirect(r.Kind, r.Fd, ShellExpander.Text(r.Target, Lookup)))]);
    }

    /// <summary>The names in directory <paramref name="path"/>, or null when it cannot be read.</summary>
    private async Task<IReadOnlyList<string>?> List(string path)
    {
        var (error, entries) = await _u.ReadDir(path);
        return error == Errno.None ? [.. entries.Select(e => e.Name)] : null;
    }
}
