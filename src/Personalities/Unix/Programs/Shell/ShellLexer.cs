using System.Text;

namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>
/// Splits a command line into tokens: words and the operators | ; &amp;&amp; || &amp; &lt; &gt; &gt;&gt; 2&gt;.
/// Blanks separate words; '...' keeps everything literally; "..." keeps everything but \" and \\ (a
/// backslash before another character stays); a backslash outside quotes makes the next character
/// literal; '#' at the start of a word begins a comment to the end of the line; 2&gt; is an operator
/// only where a word would start. Plain: no state but the line.
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
            if (c is ' ' or '\t' or '\r' or '\n') { i++; continue; }
            if (c == '#') break;
            if (Operator(line, i) is { } op)
            {
                tokens.Add(op);
                i += op.Text.Length;
                continue;
            }
            var (word, next, error) = Word(line, i);
            if (error is not null) return ([], error);
            tokens.Add(new ShellToken(ShellTokenKind.Word, word));
            i = next;
        }
        return (tokens, null);
    }

    /// <summary>The operator at <paramref name="i"/>, longest first, or null.</summary>
    private static ShellToken? Operator(string line, int i)
    {
        string Two() => i + 1 < line.Length ? line.Substring(i, 2) : "";
        return Two() switch
        {
            "&&" => new ShellToken(ShellTokenKind.AndIf, "&&"),
            "||" => new ShellToken(ShellTokenKind.OrIf, "||"),
            ">>" => new ShellToken(ShellTokenKind.Append, ">>"),
            "2>" => new ShellToken(ShellTokenKind.ErrOut, "2>"),
            _ => line[i] switch
            {
                '|' => new ShellToken(ShellTokenKind.Pipe, "|"),
                ';' => new ShellToken(ShellTokenKind.Semicolon, ";"),
                '&' => new ShellToken(ShellTokenKind.Background, "&"),
                '<' => new ShellToken(ShellTokenKind.In, "<"),
                '>' => new ShellToken(ShellTokenKind.Out, ">"),
                _ => null,
            },
        };
    }

    /// <summary>The word starting at <paramref name="i"/>: its text, where the next token starts, or an error.</summary>
    private static (string Word, int Next, string? Error) Word(string line, int i)
    {
        var text = new StringBuilder();
        while (i < line.Length)
        {
            var c = line[i];
            if (c is ' ' or '\t' or '\r' or '\n' or '|' or ';' or '&' or '<' or '>') break;
            if (c == '\\')
            {
                if (i + 1 >= line.Length) return ("", i, "a backslash at the end of the line");
                text.Append(line[i + 1]);
                i += 2;
            }
            else if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                if (end < 0) return ("", i, "unterminated '");
                text.Append(line, i + 1, end - i - 1);
                i = end + 1;
            }
            else if (c == '"')
            {
                i++;
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\') i++;
                    text.Append(line[i++]);
                }
                if (i >= line.Length) return ("", i, "unterminated \"");
                i++;
            }
            else text.Append(line[i++]);
        }
        return (text.ToString(), i, null);
    }
}
