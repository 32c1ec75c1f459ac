using System.Globalization;
using System.Text;

namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>
/// Splits a command line (or a script's lines) into tokens: words, newlines and the operators | ; &amp;&amp; || &amp; and the
/// redirections [N]&lt; [N]&gt; [N]&gt;&gt; [N]&gt;&amp; [N]&lt;&amp; (N: digits written right before the
/// operator where a word would start, as in 2&gt;&amp;1). Blanks separate words; a word keeps how each
/// piece was quoted (<see cref="ShellWord"/>) for expansion: '...' keeps everything literally; "..."
/// lets $ expand, and a backslash there escapes only \ " and $ (before another character it stays);
/// a backslash outside quotes makes the next character literal, and before a newline joins the lines; '#' at the start of a word begins a
/// comment to the end of the line. $(...) and `...` outside '...' are command substitutions (a
/// <see cref="ShellWordPart.Substitution"/> piece holding the command's text). Plain: no state but the line.
/// </summary>
public static class ShellLexer
{
    /// <summary>The tokens of <paramref name="line"/>, or the error (an unterminated quote, a trailing backslash).</summary>
    public static (IReadOnlyList<ShellToken> Tokens, string? Error) Tokenize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var tokens = new List<ShellToken>();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c is ' ' or '\t' or '\r') { i++; continue; }
            if (c == '\n')
            {
                tokens.Add(new ShellToken(ShellTokenKind.Newline, "newline"));
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < line.Length && line[i + 1] == '\n') { i += 2; continue; } // a line continued
            if (c == '#')
            {
                while (i < line.Length && line[i] != '\n') i++;
                continue;
            }
            if (Operator(line, i) is { } op)
            {
                tokens.Add(op.Token);
                i = op.Next;
                continue;
            }
            var (word, next, error) = Word(line, i);
            if (error is not null) return ([], error);
            tokens.Add(new ShellToken(ShellTokenKind.Word, word.Text) { Word = word });
            i = next;
        }
        return (tokens, null);
    }

    /// <summary>The operator at <paramref name="i"/> (longest first; a redirection may have a descriptor number before it) and where the next token starts, or null.</summary>
    private static (ShellToken Token, int Next)? Operator(string line, int i)
    {
        var digits = i;
        while (digits < line.Length && char.IsAsciiDigit(line[digits])) digits++;
        if (digits > i && digits < line.Length && line[digits] is '<' or '>' && Redirect(line, digits) is var (kind, length)
            && int.TryParse(line.AsSpan(i, digits - i), NumberStyles.None, CultureInfo.InvariantCulture, out var fd))
        {
            return (new ShellToken(kind, line[i..(digits + length)]) { IoNumber = fd }, digits + length);
        }
        if (Redirect(line, i) is var (k, n)) return (new ShellToken(k, line.Substring(i, n)), i + n);
        var two = i + 1 < line.Length ? line.Substring(i, 2) : "";
        ShellToken? token = two switch
        {
            "&&" => new ShellToken(ShellTokenKind.AndIf, "&&"),
            "||" => new ShellToken(ShellTokenKind.OrIf, "||"),
            ";;" => new ShellToken(ShellTokenKind.DoubleSemicolon, ";;"),
            _ => line[i] switch
            {
                '|' => new ShellToken(ShellTokenKind.Pipe, "|"),
                ';' => new ShellToken(ShellTokenKind.Semicolon, ";"),
                '&' => new ShellToken(ShellTokenKind.Background, "&"),
                '(' => new ShellToken(ShellTokenKind.LParen, "("),
                ')' => new ShellToken(ShellTokenKind.RParen, ")"),
                _ => null,
            },
        };
        return token is null ? null : (token, i + token.Text.Length);
    }

    /// <summary>The redirection operator at <paramref name="i"/> and its length, or null.</summary>
    private static (ShellTokenKind Kind, int Length)? Redirect(string line, int i)
    {
        var two = i + 1 < line.Length ? line.Substring(i, 2) : "";
        return two switch
        {
            ">>" => (ShellTokenKind.Append, 2),
            ">&" => (ShellTokenKind.DupOut, 2),
            "<&" => (ShellTokenKind.DupIn, 2),
            _ => line[i] switch
            {
                '<' => (ShellTokenKind.In, 1),
                '>' => (ShellTokenKind.Out, 1),
                _ => null,
            },
        };
    }

    /// <summary>The word starting at <paramref name="i"/>: its pieces, where the next token starts, or an error.</summary>
    private static (ShellWord Word, int Next, string? Error) Word(string line, int i)
    {
        var parts = new List<ShellWordPart>();
        var text = new StringBuilder();
        var quote = ShellQuote.None;
        void Flush()
        {
            if (text.Length > 0) parts.Add(new ShellWordPart(text.ToString(), quote));
            text.Clear();
        }
        void Piece(ShellQuote q)
        {
            if (q != quote) Flush();
            quote = q;
        }
        while (i < line.Length)
        {
            var c = line[i];
            if (c is ' ' or '\t' or '\r' or '\n' or '|' or ';' or '&' or '<' or '>' or '(' or ')') break;
            if (c == '\\' && i + 1 < line.Length && line[i + 1] == '\n')
            {
                i += 2; // a line continued
            }
            else if ((c == '$' && i + 1 < line.Length && line[i + 1] == '(') || c == '`')
            {
                var (inner, next, error) = Substitution(line, i);
                if (error is not null) return (new ShellWord([]), i, error);
                Flush();
                parts.Add(Expansion(line, i, inner, ShellQuote.None));
                i = next;
            }
            else if (c == '\\')
            {
                if (i + 1 >= line.Length) return (new ShellWord([]), i, "a backslash at the end of the line");
                Piece(ShellQuote.Escaped);
                text.Append(line[i + 1]);
                i += 2;
            }
            else if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                if (end < 0) return (new ShellWord([]), i, "unterminated '");
                Piece(ShellQuote.Single);
                if (end == i + 1) parts.Add(new ShellWordPart("", ShellQuote.Single)); // '' is an empty word
                text.Append(line, i + 1, end - i - 1);
                i = end + 1;
            }
            else if (c == '"')
            {
                i++;
                Piece(ShellQuote.Double);
                if (i < line.Length && line[i] == '"') parts.Add(new ShellWordPart("", ShellQuote.Double)); // "" is an empty word
                while (i < line.Length && line[i] != '"')
                {
                    if ((line[i] == '$' && i + 1 < line.Length && line[i + 1] == '(') || line[i] == '`')
                    {
                        var (inner, next, error) = Substitution(line, i);
                        if (error is not null) return (new ShellWord([]), i, error);
                        Flush();
                        parts.Add(Expansion(line, i, inner, ShellQuote.Double));
                        i = next;
                        continue;
                    }
                    if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$')
                    {
                        Piece(ShellQuote.Escaped);
                        text.Append(line[i + 1]);
                        i += 2;
                        Piece(ShellQuote.Double);
                        continue;
                    }
                    text.Append(line[i++]);
                }
                if (i >= line.Length) return (new ShellWord([]), i, "unterminated \"");
                i++;
            }
            else
            {
                Piece(ShellQuote.None);
                text.Append(line[i++]);
            }
        }
        Flush();
        return (new ShellWord(parts), i, null);
    }

    /// <summary>The piece for the substitution at <paramref name="i"/> whose text is <paramref name="inner"/>: $((...)) is arithmetic (its expression inside the double parentheses).</summary>
    private static ShellWordPart Expansion(string line, int i, string inner, ShellQuote quote)
    {
        var arithmetic = line[i] == '$' && inner.Length >= 2 && inner[0] == '(' && inner[^1] == ')';
        return new ShellWordPart(arithmetic ? inner[1..^1] : inner, quote) { Substitution = true, Arithmetic = arithmetic };
    }

    /// <summary>
    /// The command substitution at <paramref name="i"/>: $( to its matching ) (quotes and backslashes inside
    /// skipped over, nested parentheses counted) or ` to the next unescaped ` (\` and \\ inside stand for ` and \).
    /// Its command text, where the word goes on, or an error when it is not closed.
    /// </summary>
    private static (string Inner, int Next, string? Error) Substitution(string line, int i)
    {
        if (line[i] == '`')
        {
            var text = new StringBuilder();
            for (var j = i + 1; j < line.Length; j++)
            {
                if (line[j] == '`') return (text.ToString(), j + 1, null);
                if (line[j] == '\\' && j + 1 < line.Length && line[j + 1] is '`' or '\\' or '$') j++;
                text.Append(line[j]);
            }
            return ("", i, "unterminated `");
        }
        var depth = 0;
        for (var j = i + 1; j < line.Length; j++)
        {
            switch (line[j])
            {
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return (line[(i + 2)..j], j + 1, null);
                case '\\':
                    j++;
                    break;
                case '\'':
                    j = line.IndexOf('\'', j + 1) is var close and >= 0 ? close : line.Length;
                    break;
                case '"':
                    for (j++; j < line.Length && line[j] != '"'; j++)
                    {
                        if (line[j] == '\\') j++;
                    }
                    break;
            }
        }
        return ("", i, "unterminated $(");
    }
}
