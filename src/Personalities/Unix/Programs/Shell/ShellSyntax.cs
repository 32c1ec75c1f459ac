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

    /// <summary>[N]&lt; (descriptor N, standard input by default, from a file)</summary>
    In,

    /// <summary>[N]&gt; (descriptor N, standard output by default, to a file, truncated)</summary>
    Out,

    /// <summary>[N]&gt;&gt; (descriptor N, standard output by default, appended to a file)</summary>
    Append,

    /// <summary>[N]&gt;&amp; (descriptor N, standard output by default, a copy of the descriptor the word names; "-" closes it)</summary>
    DupOut,

    /// <summary>[N]&lt;&amp; (descriptor N, standard input by default, a copy of the descriptor the word names; "-" closes it)</summary>
    DupIn,

    /// <summary>A newline: ends a list like ';' (inside if / while / for too).</summary>
    Newline,

    /// <summary>( (a subshell, or the () of a function definition, or before a case pattern)</summary>
    LParen,

    /// <summary>) (ends a subshell, a function's (), a case pattern)</summary>
    RParen,

    /// <summary>;; (ends a case item)</summary>
    DoubleSemicolon,
}

/// <summary>How a piece of a word was quoted, which decides what expansion does to it.</summary>
public enum ShellQuote
{
    /// <summary>Unquoted: $ expands, the result is split into fields, * ? [ glob.</summary>
    None,

    /// <summary>'...': literal.</summary>
    Single,

    /// <summary>"...": $ expands; no splitting, no globbing.</summary>
    Double,

    /// <summary>A character after a backslash (outside quotes, or \ \" \$ inside "..."): literal.</summary>
    Escaped,
}

/// <summary>A piece of a word as it was quoted.</summary>
/// <param name="Text">The text, quotes and backslashes removed (a command substitution: its command text, or once run its output).</param>
/// <param name="Quote">How it was quoted (a command substitution: None, or Double inside "...").</param>
public sealed record ShellWordPart(string Text, ShellQuote Quote)
{
    /// <summary>
    /// A command substitution, $(...) or `...`: the shell runs <see cref="Text"/> and replaces it by the
    /// output; <see cref="ShellExpander"/> then treats the text as an expanded value (split and globbed when
    /// unquoted, no $ inside it expanded).
    /// </summary>
    public bool Substitution { get; init; }

    /// <summary>An arithmetic expansion <c>$((...))</c> (also a <see cref="Substitution"/>): <see cref="Text"/> is the expression, replaced by its value (<see cref="ShellArithmetic"/>).</summary>
    public bool Arithmetic { get; init; }
}

/// <summary>A word as the lexer read it: its pieces, each with its quoting (expanded by <see cref="ShellExpander"/>).</summary>
/// <param name="Parts">The pieces, in order.</param>
public sealed record ShellWord(IReadOnlyList<ShellWordPart> Parts)
{
    /// <summary>The text with quotes removed and nothing expanded.</summary>
    public string Text => string.Concat(Parts.Select(p => p.Text));

    /// <summary>A word that is <paramref name="text"/> literally.</summary>
    public static ShellWord Literal(string text) => new([new ShellWordPart(text, ShellQuote.Single)]);
}

/// <summary>One token of a command line.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">A word's text (quotes removed); an operator's spelling (with its descriptor number).</param>
public sealed record ShellToken(ShellTokenKind Kind, string Text)
{
    /// <summary>A word's pieces (null for an operator).</summary>
    public ShellWord? Word { get; init; }

    /// <summary>A redirection's descriptor number written before it ("2&gt;"), or null for the default.</summary>
    public int? IoNumber { get; init; }

    /// <summary>True for the redirection operators.</summary>
    public bool IsRedirect => Kind is ShellTokenKind.In or ShellTokenKind.Out or ShellTokenKind.Append or ShellTokenKind.DupOut or ShellTokenKind.DupIn;
}

/// <summary>A redirection of a command: descriptor <paramref name="Fd"/> from or to <paramref name="Target"/>.</summary>
/// <param name="Kind">The operator: In, Out, Append, DupOut or DupIn.</param>
/// <param name="Fd">The descriptor it replaces.</param>
/// <param name="Target">The file, or for DupOut / DupIn the descriptor number or "-".</param>
public sealed record ShellRedirect(ShellTokenKind Kind, int Fd, ShellWord Target)
{
    /// <summary>A redirection of the operator's default descriptor (0 for &lt; and &lt;&amp;, else 1) to a literal target.</summary>
    public ShellRedirect(ShellTokenKind kind, string target)
        : this(kind, DefaultFd(kind), ShellWord.Literal(target))
    {
    }

    /// <summary>The descriptor an operator without a number replaces.</summary>
    public static int DefaultFd(ShellTokenKind kind) => kind is ShellTokenKind.In or ShellTokenKind.DupIn ? 0 : 1;

    /// <summary>The operator's spelling, with the descriptor when it is not the default.</summary>
    public string Operator => (Fd == DefaultFd(Kind) ? "" : Fd.ToString(System.Globalization.CultureInfo.InvariantCulture)) + Kind switch
    {
        ShellTokenKind.In => "<",
        ShellTokenKind.Append => ">>",
        ShellTokenKind.DupOut => ">&",
        ShellTokenKind.DupIn => "<&",
        _ => ">",
    };

    /// <summary>Value equality on the target's text (tests compare redirections).</summary>
    public bool Equals(ShellRedirect? other) => other is not null && Kind == other.Kind && Fd == other.Fd && Target.Text == other.Target.Text;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Fd, Target.Text);
}

/// <summary>An assignment NAME=value before a command's words (alone on a command: a shell variable).</summary>
/// <param name="Name">The variable.</param>
/// <param name="Value">The value, expanded without splitting or globbing.</param>
public sealed record ShellAssignment(string Name, ShellWord Value);

/// <summary>A simple command: its assignments, words and redirections, in order.</summary>
/// <param name="Words">The words (argv before expansion; may be empty when there are assignments or redirections).</param>
/// <param name="Redirects">The redirections, applied left to right.</param>
/// <param name="Assignments">The NAME=value words before the first word.</param>
public sealed record ShellCommand(IReadOnlyList<ShellWord> Words, IReadOnlyList<ShellRedirect> Redirects, IReadOnlyList<ShellAssignment> Assignments)
{
    /// <summary>A compound command (if, while, until, for, case, a group, a function definition; no words nor assignments then, its redirections in <see cref="Redirects"/>), or null for a simple one.</summary>
    public ShellCompound? Compound { get; init; }

    /// <summary>The words' text, unexpanded (quotes removed).</summary>
    public IReadOnlyList<string> Argv => [.. Words.Select(w => w.Text)];
}

/// <summary>Commands joined by |: each one's standard output is the next one's standard input.</summary>
/// <param name="Commands">At least one.</param>
public sealed record ShellPipeline(IReadOnlyList<ShellCommand> Commands)
{
    /// <summary>Written after '!': the pipeline's status is inverted (0 becomes 1, anything else 0).</summary>
    public bool Negated { get; init; }
}

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

    private static string Render(ShellPipeline p) => (p.Negated ? "! " : "") + string.Join(" | ", p.Commands.Select(Render));

    /// <summary>A command: its compound or assignments and words, then its redirections.</summary>
    internal static string Render(ShellCommand c) =>
        string.Join(" ", [.. c.Compound is { } compound ? [compound.Render()] : Array.Empty<string>(), .. c.Assignments.Select(a => a.Name + "=" + Render(a.Value)), .. c.Words.Select(Render), .. c.Redirects.Select(Render)]);

    private static string Render(ShellRedirect r) => r.Kind is ShellTokenKind.DupOut or ShellTokenKind.DupIn ? r.Operator + r.Target.Text : r.Operator + " " + Quote(r.Target.Text);

    /// <summary>A word: runs of literal pieces quoted as needed; unquoted pieces with $ or glob characters as written, double-quoted ones with $ in double quotes.</summary>
    internal static string Render(ShellWord word)
    {
        var text = new System.Text.StringBuilder();
        var literal = new System.Text.StringBuilder();
        var any = false;
        foreach (var part in word.Parts)
        {
            if (part.Substitution)
            {
                if (literal.Length > 0) text.Append(Quote(literal.ToString()));
                literal.Clear();
                any = true;
                var inner = part.Arithmetic ? "$((" + part.Text + "))" : "$(" + part.Text + ")";
                text.Append(part.Quote == ShellQuote.Double ? "\"" + inner + "\"" : inner);
                continue;
            }
            var active = part.Quote switch
            {
                ShellQuote.None => part.Text.IndexOfAny(['$', '*', '?', '[']) >= 0,
                ShellQuote.Double => part.Text.Contains('$', StringComparison.Ordinal),
                _ => false,
            };
            if (!active)
            {
                literal.Append(part.Text);
                continue;
            }
            if (literal.Length > 0) text.Append(Quote(literal.ToString()));
            literal.Clear();
            any = true;
            text.Append(part.Quote == ShellQuote.None ? part.Text : "\"" + part.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        }
        if (literal.Length > 0 || !any) text.Append(Quote(literal.ToString()));
        return text.ToString();
    }

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./,:=+%@".Contains(c)) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
