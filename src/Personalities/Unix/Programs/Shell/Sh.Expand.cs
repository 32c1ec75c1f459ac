using System.Globalization;
using System.Text;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>A redirection after expansion.</summary>
/// <param name="Kind">In, Out, Append, DupOut or DupIn.</param>
/// <param name="Fd">The descriptor it replaces.</param>
/// <param name="Target">The file, or the descriptor number or "-".</param>
internal sealed record ExpandedRedirect(ShellTokenKind Kind, int Fd, string Target);

/// <summary>A command after expansion: argv and its redirections; the assignments before its words, values expanded (they go to that command's environment only).</summary>
/// <param name="Argv">The words, expanded, split and globbed.</param>
/// <param name="Redirects">The redirections, targets expanded.</param>
internal sealed record ExpandedCommand(IReadOnlyList<string> Argv, IReadOnlyList<ExpandedRedirect> Redirects)
{
    /// <summary>The NAME=value assignments before the words, in order (expanded).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Assignments { get; init; } = [];

    /// <summary>A compound command (no argv then), run with the redirections applied.</summary>
    public ShellCompound? Compound { get; init; }
}

/// <summary>Expanding a command's words with this shell's variables and the file system's directories; command substitution.</summary>
public sealed partial class Sh
{
    /// <summary>The value of $NAME (and of $? $$ $! $0..$9 $# $@ $*): null when unset.</summary>
    private string? Lookup(string name) => name switch
    {
        "?" => Number(_status),
        "$" => Number(_pid),
        "!" => _lastBackground is { } pid ? Number(pid) : null,
        "0" => _name,
        "#" => Number(_params.Count),
        "@" => string.Join(ShellExpander.ParameterBreak, _params),
        "*" => string.Join(' ', _params),
        [>= '1' and <= '9'] => name[0] - '1' < _params.Count ? _params[name[0] - '1'] : null,
        _ => _variables.GetValueOrDefault(name),
    };

    /// <summary>Sets the variables of a command of assignments only, left to right (a value sees the ones before it).</summary>
    private async Task Assign(ShellCommand command)
    {
        foreach (var a in command.Assignments) _variables[a.Name] = await Text(a.Value);
    }

    /// <summary>Expands <paramref name="command"/>: assignment values and redirection targets to one string each; words to fields (<see cref="ShellExpander"/>), each pattern globbed against the directories (<see cref="ShellGlob"/>).</summary>
    private async Task<ExpandedCommand> Expand(ShellCommand command)
    {
        var assignments = new List<KeyValuePair<string, string>>();
        foreach (var a in command.Assignments) assignments.Add(new(a.Name, await Text(a.Value)));
        var redirects = new List<ExpandedRedirect>();
        foreach (var r in command.Redirects) redirects.Add(new ExpandedRedirect(r.Kind, r.Fd, await Text(r.Target)));
        return new ExpandedCommand(await ExpandWords(command.Words), redirects) { Compound = command.Compound, Assignments = assignments };
    }

    /// <summary>Words to fields: command substitutions run, expanded, split, patterns globbed.</summary>
    private async Task<IReadOnlyList<string>> ExpandWords(IReadOnlyList<ShellWord> words)
    {
        var argv = new List<string>();
        foreach (var word in words)
        {
            foreach (var field in ShellExpander.Fields(await Substitute(word), Lookup, Set)) argv.AddRange(await ShellGlob.Expand(field, List));
        }
        return argv;
    }

    /// <summary>The names in directory <paramref name="path"/>, or null when it cannot be read.</summary>
    private async Task<IReadOnlyList<string>?> List(string path)
    {
        var (error, entries) = await _u.ReadDir(path);
        return error == Errno.None ? [.. entries.Select(e => e.Name)] : null;
    }

    /// <summary><paramref name="word"/> with each command substitution piece replaced by the command's output.</summary>
    private async Task<ShellWord> Substitute(ShellWord word)
    {
        if (!word.Parts.Any(p => p.Substitution)) return word;
        var parts = new List<ShellWordPart>();
        foreach (var part in word.Parts) parts.Add(part.Substitution ? part with { Text = part.Arithmetic ? await Arithmetic(part.Text) : await CommandOutput(part.Text) } : part);
        return new ShellWord(parts);
    }

    /// <summary><paramref name="word"/> expanded to one string (substitutions run, not split, not globbed).</summary>
    private async Task<string> Text(ShellWord word) => ShellExpander.Text(await Substitute(word), Lookup, Set);

    /// <summary>Sets a variable (${NAME:=word}).</summary>
    private void Set(string name, string value) => _variables[name] = value;

    /// <summary>True (and cleared) when an expansion since the last call failed: the command it was for does not run (status 2).</summary>
    private bool Failed()
    {
        var failed = _expansionFailed;
        _expansionFailed = false;
        return failed;
    }

    private bool _expansionFailed;

    /// <summary>The value of an arithmetic expansion: its $ expanded, then evaluated; an error is reported ("sh: division by zero") and fails the expansion.</summary>
    private async Task<string> Arithmetic(string expression)
    {
        var text = ShellExpander.Text(new ShellWord([new ShellWordPart(expression, ShellQuote.Double)]), Lookup, Set);
        var (value, error) = ShellArithmetic.Evaluate(text, Lookup);
        if (value is { } n) return n.ToString(CultureInfo.InvariantCulture);
        await ProgramIo.Fail(_u, "sh: " + error, 2);
        _expansionFailed = true;
        return "";
    }

    /// <summary>
    /// Runs <paramref name="source"/> in a forked child shell whose standard output is a pipe, reads the pipe to its
    /// end and waits for the child ($? becomes its status). The output without its trailing newlines; a syntax
    /// error is reported (status 2) and gives nothing.
    /// </summary>
    private async Task<string> CommandOutput(string source)
    {
        var (script, error) = ShellParser.Parse(source);
        if (script is null)
        {
            _status = await ProgramIo.Fail(_u, "sh: " + error, 2);
            return "";
        }
        var (piped, r, w) = await _u.Pipe();
        if (piped != Errno.None)
        {
            _status = await ProgramIo.Fail(_u, $"sh: pipe: {ProgramIo.Message(piped)}");
            return "";
        }
        var (forked, pid) = await _u.Fork(async c =>
        {
            await c.Dup2(w, 1);
            await c.Close(r);
            if (w != 1) await c.Close(w);
            return await new Sh(c, this).RunList(script);
        });
        await _u.Close(w);
        var output = new StringBuilder();
        while (await ProgramIo.Read(_u, r) is { Error: Errno.None, Data.Length: > 0 } chunk) output.Append(ProgramIo.Text(chunk.Data));
        await _u.Close(r);
        if (forked != Errno.None) _status = await ProgramIo.Fail(_u, $"sh: fork: {ProgramIo.Message(forked)}");
        else if (await _u.Waitpid(pid) is { Error: Errno.None } waited) _status = StatusOf(waited.Status);
        return output.ToString().TrimEnd('\n');
    }
}
