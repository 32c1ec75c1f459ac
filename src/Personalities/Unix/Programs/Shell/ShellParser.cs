namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>
/// The shell's grammar over <see cref="ShellLexer"/>'s tokens (docs/UNIX.md, "The shell"):
/// <code>
/// line     := ( and-or ( ';' | '&amp;' ) )* and-or?
/// and-or   := pipeline ( ( '&amp;&amp;' | '||' ) pipeline )*
/// pipeline := command ( '|' command )*
/// command  := ( WORD | redirect )+        with at least one WORD
/// redirect := ( '&lt;' | '&gt;' | '&gt;&gt;' | '2&gt;' ) WORD
/// </code>
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
            var argv = new List<string>();
            var redirects = new List<ShellRedirect>();
            while (Peek is { } token && (token.Kind == ShellTokenKind.Word || token.IsRedirect))
            {
                Next();
                if (token.Kind == ShellTokenKind.Word)
                {
                    argv.Add(token.Text);
                    continue;
                }
                if (Peek is not { Kind: ShellTokenKind.Word } target) return (null, $"syntax error: missing file after '{token.Text}'");
                Next();
                redirects.Add(new ShellRedirect(token.Kind, target.Text));
            }
            return argv.Count == 0 ? (null, Near(Peek)) : (new ShellCommand(argv, redirects), null);
        }
    }
}
