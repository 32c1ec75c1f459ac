namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>
/// The shell's grammar over <see cref="ShellLexer"/>'s tokens (docs/UNIX.md, "The shell"):
/// <code>
/// list     := NL* ( and-or ( ';' | '&amp;' | NL ) NL* )* and-or?
/// and-or   := pipeline ( ( '&amp;&amp;' | '||' ) NL* pipeline )*
/// pipeline := '!'? command ( '|' NL* command )*
/// command  := compound redirect* | NAME '(' ')' NL* compound redirect* | ASSIGNMENT* ( WORD | redirect )*   not empty
/// compound := 'if' list 'then' list ( 'elif' list 'then' list )* ( 'else' list )? 'fi'
///           | ( 'while' | 'until' ) list 'do' list 'done'
///           | 'for' NAME NL* ( 'in' WORD* ( ';' | NL ) | ';' )? NL* 'do' list 'done'
///           | 'case' WORD NL* 'in' NL* ( '('? WORD ( '|' WORD )* ')' list ';;' NL* )* ( '('? WORD ( '|' WORD )* ')' list )? 'esac'
///           | '{' list '}' | '(' list ')'
/// redirect := [N] ( '&lt;' | '&gt;' | '&gt;&gt;' | '&gt;&amp;' | '&lt;&amp;' ) WORD
/// </code>
/// The lists inside a compound command are not empty. A keyword is an unquoted word spelled so, where a
/// command starts (then / elif / else / fi / do / done / esac / } and the operators ;; and ) end the list before them). An ASSIGNMENT is an
/// unquoted NAME= at the start of a word before the command's first word (the value is the rest of the
/// word). Words stay unexpanded (<see cref="ShellExpander"/> expands them when the command runs, so an
/// assignment earlier on the line is seen).
/// Plain: text in, a script or one error line out ("syntax error near '|'", "missing file after '&gt;'").
/// </summary>
public static class ShellParser
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "if", "then", "elif", "else", "fi", "while", "until", "for", "do", "done", "case", "esac", "in" };

    private static readonly HashSet<string> Closing = new(StringComparer.Ordinal) { "then", "elif", "else", "fi", "do", "done", "esac", "}" };

    /// <summary>How deep compound commands may nest (the host's stack is bounded): deeper is a syntax error.</summary>
    public const int MaxNesting = 100;

    /// <summary>Parses <paramref name="line"/>: the script, or null and the error.</summary>
    public static (ShellScript? Script, string? Error) Parse(string line) => Parse(line, out _);

    /// <summary>
    /// Parses <paramref name="text"/>: the script, or null and the error; <paramref name="incomplete"/> is true
    /// when the error is the text ending too early (an open quote, if without fi, a trailing |), so that more
    /// lines could complete it.
    /// </summary>
    public static (ShellScript? Script, string? Error) Parse(string text, out bool incomplete)
    {
        var (tokens, lexError) = ShellLexer.Tokenize(text);
        incomplete = lexError is not null;
        if (lexError is not null) return (null, "syntax error: " + lexError);
        var parser = new Cursor(tokens);
        var (script, error) = parser.List();
        if (error is null && !parser.AtEnd) error = Near(parser.Peek);
        incomplete = error is not null && parser.EndedEarly;
        return error is null ? (script, null) : (null, error);
    }

    /// <summary>NAME=value when <paramref name="word"/> starts with an unquoted name and '=', else null.</summary>
    private static ShellAssignment? Assignment(ShellWord word)
    {
        if (word.Parts is not [{ Quote: ShellQuote.None, Substitution: false } first, ..]) return null;
        var eq = first.Text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || !ShellExpander.IsName(first.Text[..eq])) return null;
        var rest = first.Text[(eq + 1)..];
        IReadOnlyList<ShellWordPart> value = [.. rest.Length > 0 ? [first with { Text = rest }] : Array.Empty<ShellWordPart>(), .. word.Parts.Skip(1)];
        return new ShellAssignment(first.Text[..eq], new ShellWord(value));
    }

    /// <summary>The keyword a token spells (an unquoted word alone), or null.</summary>
    private static string? Keyword(ShellToken? token) =>
        token is { Kind: ShellTokenKind.Word, Word.Parts: [{ Quote: ShellQuote.None, Substitution: false, Text: var text }] } ? text : null;

    private static string Near(ShellToken? token) => token is null ? "syntax error: unexpected end of line" : $"syntax error near '{token.Text}'";

    /// <summary>A position in the token list.</summary>
    private sealed class Cursor(IReadOnlyList<ShellToken> tokens)
    {
        private int _at;
        private int _nesting;

        public bool AtEnd => _at >= tokens.Count;

        public ShellToken? Peek => AtEnd ? null : tokens[_at];

        /// <summary>True when an error was reported at the end of the tokens.</summary>
        public bool EndedEarly { get; private set; }

        public ShellToken Next() => tokens[_at++];

        /// <summary>A list: and-or lists up to the end or a closing keyword.</summary>
        public (ShellScript? List, string? Error) List()
        {
            var lists = new List<ShellAndOr>();
            SkipNewlines();
            while (!AtEnd && !IsClosing(Peek))
            {
                var (andOr, error) = AndOr();
                if (error is not null) return (null, error);
                var background = false;
                if (Peek is { Kind: ShellTokenKind.Semicolon or ShellTokenKind.Background or ShellTokenKind.Newline } end)
                {
                    background = end.Kind == ShellTokenKind.Background;
                    Next();
                }
                else if (!AtEnd && !IsClosing(Peek)) return (null, Error());
                lists.Add(andOr! with { Background = background });
                SkipNewlines();
            }
            return (new ShellScript(lists), null);
        }

        private (ShellAndOr? AndOr, string? Error) AndOr()
        {
            var (first, error) = Pipeline();
            if (error is not null) return (null, error);
            var rest = new List<ShellLink>();
            while (Peek is { Kind: ShellTokenKind.AndIf or ShellTokenKind.OrIf } op)
            {
                Next();
                SkipNewlines();
                var (next, e) = Pipeline();
                if (e is not null) return (null, e);
                rest.Add(new ShellLink(op.Kind, next!));
            }
            return (new ShellAndOr(first!, rest, false), null);
        }

        private (ShellPipeline? Pipeline, string? Error) Pipeline()
        {
            var negated = Keyword(Peek) == "!";
            if (negated) Next();
            var commands = new List<ShellCommand>();
            while (true)
            {
                var (command, error) = Command();
                if (error is not null) return (null, error);
                commands.Add(command!);
                if (Peek is not { Kind: ShellTokenKind.Pipe }) return (new ShellPipeline(commands) { Negated = negated }, null);
                Next();
                SkipNewlines();
            }
        }

        private (ShellCommand? Command, string? Error) Command()
        {
            var keyword = Keyword(Peek);
            var function = keyword is not null && ShellExpander.IsName(keyword) && !Reserved.Contains(keyword)
                && _at + 2 < tokens.Count && tokens[_at + 1].Kind == ShellTokenKind.LParen && tokens[_at + 2].Kind == ShellTokenKind.RParen;
            if (function || keyword is "if" or "while" or "until" or "for" or "case" or "{" || Peek is { Kind: ShellTokenKind.LParen })
            {
                var opener = Next();
                if (++_nesting > MaxNesting) return (null, "syntax error: commands nested too deep");
                var (compound, failed) = function ? Function(keyword!) : opener.Kind == ShellTokenKind.LParen ? Group(true) : keyword switch
                {
                    "if" => If(),
                    "for" => For(),
                    "case" => Case(),
                    "{" => Group(false),
                    _ => Loop(keyword == "until"),
                };
                _nesting--;
                if (failed is not null) return (null, failed);
                var after = new List<ShellRedirect>();
                while (Peek is { IsRedirect: true } op)
                {
                    if (Redirect(op) is { } e) return (null, e);
                    after.Add(new ShellRedirect(op.Kind, op.IoNumber ?? ShellRedirect.DefaultFd(op.Kind), tokens[_at - 1].Word!));
                }
                return (new ShellCommand([], after, []) { Compound = compound }, null);
            }
            if (IsClosing(Peek)) return (null, Error());
            var words = new List<ShellWord>();
            var redirects = new List<ShellRedirect>();
            var assignments = new List<ShellAssignment>();
            while (Peek is { } token && (token.Kind == ShellTokenKind.Word || token.IsRedirect))
            {
                if (token.Kind == ShellTokenKind.Word)
                {
                    Next();
                    if (words.Count == 0 && Assignment(token.Word!) is { } assignment) assignments.Add(assignment);
                    else words.Add(token.Word!);
                    continue;
                }
                if (Redirect(token) is { } error) return (null, error);
                redirects.Add(new ShellRedirect(token.Kind, token.IoNumber ?? ShellRedirect.DefaultFd(token.Kind), tokens[_at - 1].Word!));
            }
            return words.Count + redirects.Count + assignments.Count == 0 ? (null, Error()) : (new ShellCommand(words, redirects, assignments), null);
        }

        /// <summary>Moves past a redirection operator and its word (the last token then), or the error when the word is missing.</summary>
        private string? Redirect(ShellToken op)
        {
            Next();
            if (Peek is not { Kind: ShellTokenKind.Word }) return $"syntax error: missing file after '{op.Text}'";
            Next();
            return null;
        }

        private (ShellCompound? Compound, string? Error) If()
        {
            var clauses = new List<ShellClause>();
            ShellScript? otherwise = null;
            while (true)
            {
                var (condition, e1) = Body("then");
                if (e1 is not null) return (null, e1);
                var (body, e2) = Body(null);
                if (e2 is not null) return (null, e2);
                clauses.Add(new ShellClause(condition!, body!));
                var next = Keyword(Peek);
                if (next == "elif")
                {
                    Next();
                    continue;
                }
                if (next == "else")
                {
                    Next();
                    (otherwise, var e3) = Body(null);
                    if (e3 is not null) return (null, e3);
                }
                return Expect("fi") ?? (new ShellIf(clauses, otherwise), null);
            }
        }

        /// <summary>After NAME: the "()" then newlines and a compound command, the body.</summary>
        private (ShellCompound? Compound, string? Error) Function(string name)
        {
            Next();
            Next();
            SkipNewlines();
            var start = _at;
            var (body, error) = Command();
            if (error is not null) return (null, error);
            if (body!.Compound is null or ShellFunction) return (null, Near(tokens[start]));
            return (new ShellFunction(name, body), null);
        }

        /// <summary>After { or (: a list that may not be empty, then } or ).</summary>
        private (ShellCompound? Compound, string? Error) Group(bool subshell)
        {
            if (subshell)
            {
                var (inner, e) = List();
                if (e is not null) return (null, e);
                if (inner!.Lists.Count == 0 || Peek is not { Kind: ShellTokenKind.RParen }) return (null, Error());
                Next();
                return (new ShellGroup(inner, true), null);
            }
            var (body, error) = Body("}");
            return error is not null ? (null, error) : (new ShellGroup(body!, false), null);
        }

        /// <summary>After case: WORD in, then items [(]PATTERN[|PATTERN]...) LIST ;; up to esac (the last item's ;; may be left out).</summary>
        private (ShellCompound? Compound, string? Error) Case()
        {
            if (Peek is not { Kind: ShellTokenKind.Word } word) return (null, Error());
            Next();
            SkipNewlines();
            if (Expect("in") is { } noIn) return noIn;
            SkipNewlines();
            var items = new List<ShellCaseItem>();
            while (Keyword(Peek) != "esac")
            {
                if (Peek is { Kind: ShellTokenKind.LParen }) Next();
                var patterns = new List<ShellWord>();
                while (true)
                {
                    if (Peek is not { Kind: ShellTokenKind.Word } pattern) return (null, Error());
                    Next();
                    patterns.Add(pattern.Word!);
                    if (Peek is not { Kind: ShellTokenKind.Pipe }) break;
                    Next();
                }
                if (Peek is not { Kind: ShellTokenKind.RParen }) return (null, Error());
                Next();
                var (body, error) = List();
                if (error is not null) return (null, error);
                items.Add(new ShellCaseItem(patterns, body!));
                if (Peek is not { Kind: ShellTokenKind.DoubleSemicolon })
                {
                    if (Keyword(Peek) != "esac") return (null, Error());
                    break;
                }
                Next();
                SkipNewlines();
            }
            Next();
            return (new ShellCase(word.Word!, items), null);
        }

        private (ShellCompound? Compound, string? Error) Loop(bool until)
        {
            var (condition, e1) = Body("do");
            if (e1 is not null) return (null, e1);
            var (body, e2) = Body("done");
            return e2 is not null ? (null, e2) : (new ShellLoop(until, condition!, body!), null);
        }

        private (ShellCompound? Compound, string? Error) For()
        {
            if (Peek is not { Kind: ShellTokenKind.Word } name || !ShellExpander.IsName(name.Text) || Keyword(name) != name.Text)
            {
                return (null, AtEnd ? Error() : $"syntax error: bad for variable '{Peek!.Text}'");
            }
            Next();
            SkipNewlines();
            List<ShellWord>? words = null;
            if (Keyword(Peek) == "in")
            {
                Next();
                words = [];
                while (Peek is { Kind: ShellTokenKind.Word } word)
                {
                    Next();
                    words.Add(word.Word!);
                }
                if (Peek is not { Kind: ShellTokenKind.Semicolon or ShellTokenKind.Newline }) return (null, Error());
                Next();
            }
            else if (Peek is { Kind: ShellTokenKind.Semicolon }) Next();
            SkipNewlines();
            if (Expect("do") is { } bad) return bad;
            var (body, e) = Body("done");
            return e is not null ? (null, e) : (new ShellFor(name.Text, words, body!), null);
        }

        /// <summary>A list that may not be empty, then (when <paramref name="end"/> is given) that keyword.</summary>
        private (ShellScript? List, string? Error) Body(string? end)
        {
            var (list, error) = List();
            if (error is not null) return (null, error);
            if (list!.Lists.Count == 0) return (null, Error());
            return end is not null && Expect(end) is { } bad ? (null, bad.Error) : (list, null);
        }

        /// <summary>Moves past <paramref name="keyword"/>, or the error when something else comes.</summary>
        private (ShellCompound? Compound, string? Error)? Expect(string keyword)
        {
            if (Keyword(Peek) != keyword) return (null, Error());
            Next();
            return null;
        }

        private static bool IsClosing(ShellToken? token) =>
            token is { Kind: ShellTokenKind.DoubleSemicolon or ShellTokenKind.RParen } || (Keyword(token) is { } k && Closing.Contains(k));

        private void SkipNewlines()
        {
            while (Peek is { Kind: ShellTokenKind.Newline }) Next();
        }

        /// <summary>The error near the current token (noting when it is the end of the tokens).</summary>
        private string Error()
        {
            EndedEarly = AtEnd;
            return Near(Peek);
        }
    }
}
