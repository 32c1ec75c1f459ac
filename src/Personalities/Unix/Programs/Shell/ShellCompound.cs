namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>A compound command: if, while / until, for, case, a group { } or ( ), or a function definition (docs/UNIX.md, "The shell"). Its lists are <see cref="ShellScript"/>s.</summary>
public abstract record ShellCompound
{
    /// <summary>The canonical text (for tests and reports): keywords, each list's commands ended by ';'.</summary>
    public abstract string Render();

    /// <summary>A list inside a compound command, rendered.</summary>
    protected static string Render(ShellScript list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.Render();
    }
}

/// <summary>One <c>if</c> or <c>elif</c>: the condition list and the list run when its status is 0.</summary>
/// <param name="Condition">The condition.</param>
/// <param name="Body">The list after then.</param>
public sealed record ShellClause(ShellScript Condition, ShellScript Body);

/// <summary><c>if LIST; then LIST; [elif LIST; then LIST;]... [else LIST;] fi</c>: the first clause whose condition succeeds runs; otherwise the else list; status 0 when nothing ran.</summary>
/// <param name="Clauses">The if clause and the elif clauses, in order.</param>
/// <param name="Else">The else list, or null.</param>
public sealed record ShellIf(IReadOnlyList<ShellClause> Clauses, ShellScript? Else) : ShellCompound
{
    /// <inheritdoc />
    public override string Render() =>
        string.Join(" ", Clauses.Select((c, i) => (i == 0 ? "if " : "elif ") + Render(c.Condition) + " then " + Render(c.Body)))
        + (Else is null ? "" : " else " + Render(Else)) + " fi";
}

/// <summary><c>while LIST; do LIST; done</c> (or <c>until</c>: the body runs while the condition fails); status the body's last, 0 when it never ran.</summary>
/// <param name="Until">True for until.</param>
/// <param name="Condition">The condition list, run before each round.</param>
/// <param name="Body">The body.</param>
public sealed record ShellLoop(bool Until, ShellScript Condition, ShellScript Body) : ShellCompound
{
    /// <inheritdoc />
    public override string Render() => (Until ? "until " : "while ") + Render(Condition) + " do " + Render(Body) + " done";
}

/// <summary><c>for NAME [in WORDS]; do LIST; done</c>: the body once per field of the expanded, globbed words (without in: the positional parameters), NAME set to it.</summary>
/// <param name="Name">The variable.</param>
/// <param name="Words">The words, unexpanded; null without in.</param>
/// <param name="Body">The body.</param>
public sealed record ShellFor(string Name, IReadOnlyList<ShellWord>? Words, ShellScript Body) : ShellCompound
{
    /// <inheritdoc />
    public override string Render() =>
        "for " + Name + (Words is null ? "" : " in" + string.Concat(Words.Select(w => " " + ShellScript.Render(w)))) + " ; do " + Render(Body) + " done";
}

/// <summary>One item of a case: its patterns and the list run when one matches.</summary>
/// <param name="Patterns">The patterns (glob patterns after expansion), at least one.</param>
/// <param name="Body">The list (may be empty).</param>
public sealed record ShellCaseItem(IReadOnlyList<ShellWord> Patterns, ShellScript Body);

/// <summary><c>case WORD in [(]PATTERN[|PATTERN]...) LIST ;; ... esac</c>: the first item with a pattern matching the expanded word runs; status its list's, 0 when none matched.</summary>
/// <param name="Word">The word, unexpanded.</param>
/// <param name="Items">The items, in order.</param>
public sealed record ShellCase(ShellWord Word, IReadOnlyList<ShellCaseItem> Items) : ShellCompound
{
    /// <inheritdoc />
    public override string Render() =>
        "case " + ShellScript.Render(Word) + " in" + string.Concat(Items.Select(i => " " + string.Join(" | ", i.Patterns.Select(ShellScript.Render)) + ") " + (i.Body.Lists.Count > 0 ? Render(i.Body) + " " : "") + ";;")) + " esac";
}

/// <summary><c>{ LIST; }</c> (run in the shell) or <c>( LIST )</c> (<paramref name="Subshell"/>: run in a forked child, so its variables and cd stay there).</summary>
/// <param name="Body">The list.</param>
/// <param name="Subshell">True for ( ).</param>
public sealed record ShellGroup(ShellScript Body, bool Subshell) : ShellCompound
{
    /// <inheritdoc />
    public override string Render() => Subshell ? "( " + Render(Body) + " )" : "{ " + Render(Body) + " }";
}

/// <summary><c>NAME() COMMAND</c>: defines function NAME whose body is a compound command (with its redirections); running the definition only defines it (status 0).</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Body">The body: a command with a compound.</param>
public sealed record ShellFunction(string Name, ShellCommand Body) : ShellCompound
{
    /// <inheritdoc />
    public override string Render() => Name + "() " + ShellScript.Render(Body);
}
