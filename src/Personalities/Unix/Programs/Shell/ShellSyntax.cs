namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>What a shell token is.</summary>
public enum ShellTokenKind
{
    /// <summary>A word (quotes removed).</summary>
    Word,

    /// <summary>|</summary>
    Pipe,

    /// <summary>;</summary>
    Semicolon,

    /// <summary>&amp;&amp;</summary>
    AndIf,

    /// <summary>||</summary>
    OrIf,

    /// <summary>&amp;</summary>
    Background,

    /// <summary>&lt; (standard input from a file)</summary>
    In,

    /// <summary>&gt; (standard output to a file, truncated)</summary>
    Out,

    /// <summary>&gt;&gt; (standard output appended to a file)</summary>
    Append,

    /// <summary>2&gt; (standard error to a file, truncated)</summary>
    ErrOut,
}

/// <summary>One token of a command line.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">A word's text (quotes removed); an operator's spelling.</param>
public sealed record ShellToken(ShellTokenKind Kind, string Text)
{
    /// <summary>True for the four redirection operators.</summary>
    public bool IsRedirect => Kind is ShellTokenKind.In or ShellTokenKind.Out or ShellTokenKind.Append or ShellTokenKind.ErrOut;
}

/// <summary>A redirection of a command: <paramref name="Kind"/> is In, Out, Append or ErrOut.</summary>
/// <param name="Kind">The operator.</param>
/// <param name="Target">The file.</param>
public sealed record ShellRedirect(ShellTokenKind Kind, string Target)
{
    /// <summary>The descriptor it replaces (0, 1 or 2).</summary>
    public int Fd => Kind switch { ShellTokenKind.In => 0, ShellTokenKind.ErrOut => 2, _ => 1 };

    /// <summary>The operator's spelling.</summary>
    public string Operator => Kind switch { ShellTokenKind.In => "<", ShellTokenKind.Append => ">>", ShellTokenKind.ErrOut => "2>", _ => ">" };
}

/// <summary>A simple command: its words (argv) and redirections, in order.</summary>
/// <param name="Argv">argv (argv[0] is the program or builtin).</param>
/// <param name="Redirects">The redirections, applied left to right.</param>
public sealed record ShellCommand(IReadOnlyList<string> Argv, IReadOnlyList<ShellRedirect> Redirects);

/// <summary>Commands joined by |: each one's standard output is the next one's standard input.</summary>
/// <param name="Commands">At least one.</param>
public sealed record ShellPipeline(IReadOnlyList<ShellCommand> Commands);

/// <summary>A pipeline run after the previous one when its status allows: &amp;&amp; after success, || after failure.</summary>
/// <param name="Operator">AndIf or OrIf.</param>
/// <param name="Pipeline">The pipeline.</param>
public sealed record ShellLink(ShellTokenKind Operator, ShellPipeline Pipeline);

/// <summary>An and-or list ended by ; (or the end of the line) or &amp; (run in the background).</summary>
/// <param name="First">The first pipeline.</param>
/// <param name="Rest">The pipelines after &amp;&amp; or ||.</param>
/// <param name="Background">Ended by &amp;: the shell does not wait for it.</param>
public sealed record ShellAndOr(ShellPipeline First, IReadOnlyList<ShellLink> Rest, bool Background);

/// <summary>A parsed command line: its and-or lists in order.</summary>
/// <param name="Lists">The lists (none for an empty line or a comment).</param>
public sealed record ShellScript(IReadOnlyList<ShellAndOr> Lists)
{
    /// <summary>The canonical text: words quoted when needed, operators spaced, each list ended by ; or &amp; (for tests and reports).</summary>
    public string Render() => string.Join(" ", Lists.Select(l =>
        string.Join(" ", [Render(l.First), .. l.Rest.Select(r => (r.Operator == ShellTokenKind.AndIf ? "&& " : "|| ") + Render(r.Pipeline))]) + (l.Background ? " &" : " ;")));

    private static string Render(ShellPipeline p) => string.Join(" | ", p.Commands.Select(c =>
        string.Join(" ", [.. c.Argv.Select(Quote), .. c.Redirects.Select(r => r.Operator + " " + Quote(r.Target))])));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./,:=+%@".Contains(c)) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
