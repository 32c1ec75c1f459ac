namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>
/// The shell's grammar over <see cref="ShellLexer"/>'s tokens (docs/UNIX.md, "The shell"):
/// <code>
/// line     := ( and-or ( ';' | '&amp;' ) )* and-or?
/// and-or   := pipeline ( ( '&amp;&amp;' | '||' ) pipeline )*
/// pipeline := command ( '|' command )*
/// command  := ASSIGNMENT* ( WORD | redirect )*   not empty
/// redirect := [N] ( '&lt;' | '&gt;' | '&gt;&gt;' | '&gt;&amp;' | '&lt;&amp;' ) WORD
/// </code>
/// An ASSIGNMENT is an unquoted NAME= at the start of a word before the command's first word (the value
/// is the rest of the word). Words stay unexpanded (<see cref="ShellExpander"/> expands them when the
/// command runs, so an assignment earlier on the line is seen).
/// Plain: a line in, a script or one error line out ("syntax error near '|'", "missing file after '&gt;'").
/// </summary>
public static class ShellParser
{
    /// <summary>Parses <paramref name="line"/>: the script, or null and the error.</summary>
    public static (ShellScript? Script, string? Error) Parse(string line)
    {
        var (tokens, lexError) = ShellLexer.Tokenize(line);
        if (lexError is not null) return (null, "syntax error: " + lexError);
        var parser = new Cursor(tokens);
        var lists = new List<ShellAndOr>();
        while (!parser.AtEnd)
        {
            var (andOr, error) = parser.AndOr();
            if (error is not null) return (null, error);
            var background = false;
            if (parser.Peek is { Kind: ShellTokenKind.Semicolon or ShellTokenKind.Background } end)
            {
                background = end.Kind == ShellTokenKind.Background;
                parser.Next();
            }
            else if (!parser.AtEnd) return (null, Near(parser.Peek));
            lists.Add(andOr! with { Background = background });
        }
        return (new ShellScript(lists), null);
    }

    /// <summary>NAME=value when <paramref name="word"/> starts with an unquoted name and '=', else null.</summary>
    private static ShellAssignment? Assignment(ShellWord word)
    {
        if (word.Parts is not [{ Quote: ShellQuote.None } first, ..]) return null;
        var eq = first.Text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || !ShellExpander.IsName(first.Text[..eq])) return null;
        var rest = first.Text[(eq + 1)..];
        IReadOnlyList<ShellWordPart> value = [.. rest.Length > 0 ? [first with { Text = rest }] : Array.Empty<ShellWordPart>(), .. word.Parts.Skip(1)];
        return new ShellAssignment(first.Text[..eq], new ShellWord(value));
    }

    private static string Near(ShellToken? token) => token is null ? "syntax error: unexpected end of line" : $"syntax error near '{token.Text}'";

    /// <summary>A position in the token list.</summary>
    private sealed class Cursor(IReadOnlyList<ShellToken> tokens)
    {
        private int _at;

        public bool AtEnd => _at >= tokens.Count;

        public ShellToken? Peek => AtEnd ? null : tokens[_at];

        public ShellToken Next() => tokens[_at++];

        public (ShellAndOr? AndOr, string? Error) AndOr()
        {
            var (first, error) = Pipeline();
            if (error is not null) return (null, error);
            var rest = new List<ShellLink>();
            while (Peek is { Kind: ShellTokenKind.AndIf or ShellTokenKind.OrIf } op)
            {
                Next();
                var (next, e) = Pipeline();
                if (e is not null) return (null, e);
                rest.Add(new ShellLink(op.Kind, next!));
            }
            return (new ShellAndOr(first!, rest, false), null);
        }

        private (ShellPipeline? Pipeline, string? Error) Pipeline()
        {
            var commands = new List<ShellCommand>();
            while (true)
            {
                var (command, error) = Command();
                if (error is not null) return (null, error);
                commands.Add(command!);
                if (Peek is not { Kind: ShellTokenKind.Pipe }) return (new ShellPipeline(commands), null);
                Next();
            }
        }

        private (ShellCommand? Command, string? Error) Command()
        {
            var words = new List<ShellWord>();
            var redirects = new List<ShellRedirect>();
            var assignments = new List<ShellAssignment>();
            while (Peek is { } token && (token.Kind == ShellTokenKind.Word || token.IsRedirect))
            {
                Next();
                if (token.Kind == ShellTokenKind.Word)
                {
                    if (words.Count == 0 && Assignment(token.Word!) is { } assignment) assignments.Add(assignment);
                    else words.Add(token.Word!);
                    continue;
                }
                if (Peek is not { Kind: ShellTokenKind.Word } target) return (null, $"syntax error: missing file after '{token.Text}'");
                Next();
                redirects.Add(new ShellRedirect(token.Kind, token.IoNumber ?? ShellRedirect.DefaultFd(token.Kind), target.Word!));
            }
            return words.Count + redirects.Count + assignments.Count == 0 ? (null, Near(Peek)) : (new ShellCommand(words, redirects, assignments), null);
        }
    }
}
