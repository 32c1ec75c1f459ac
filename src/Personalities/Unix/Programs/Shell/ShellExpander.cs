using System.Text;

namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>A word after parameter expansion and field splitting: its text and, per character, whether it is an unquoted glob character (* ? [ ]).</summary>
/// <param name="Text">The field.</param>
/// <param name="Active">One flag per character of <paramref name="Text"/>: true where it may glob.</param>
public sealed record ShellField(string Text, IReadOnlyList<bool> Active)
{
    /// <summary>True when some character may glob (the field is a pattern).</summary>
    public bool IsPattern => Active.Any(a => a);
}

/// <summary>
/// Parameter expansion of a <see cref="ShellWord"/> (docs/UNIX.md, "The shell"): <c>$NAME</c>,
/// <c>${NAME}</c>, <c>$?</c>, <c>$$</c>, <c>$!</c>, <c>$0</c>..<c>$9</c>, <c>$#</c>, <c>$@</c> and <c>$*</c> are looked up
/// (unset: empty; the lookup of "@" separates the parameters by <see cref="ParameterBreak"/>, so "$@" gives a
/// field each and "$@" with none gives no field); a '$' not followed by one of those stays. A command
/// substitution piece (already replaced by its output) expands like a value. In unquoted pieces the expanded text is split
/// into fields at blanks (space, tab, newline) and its * ? [ ] may glob; "..." expands but keeps one field
/// with no globbing; '...' and backslashed characters are literal. An unquoted expansion that is empty
/// gives no field; "" and '' give an empty one. Plain: the lookup is the only input besides the word.
/// </summary>
public static class ShellExpander
{
    /// <summary>What a lookup of "@" puts between the positional parameters: "$@" is then one field per parameter.</summary>
    public const char ParameterBreak = '\0';

    /// <summary>A variable name: a letter or '_', then letters, digits or '_'.</summary>
    public static bool IsName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
    }

    /// <summary>The fields of <paramref name="word"/>: expanded, split, glob characters marked (command words).</summary>
    /// <param name="word">The word.</param>
    /// <param name="lookup">A parameter's value, null when unset.</param>
    /// <param name="assign">Sets a variable (for ${NAME:=word}); null: that form only expands.</param>
    public static IReadOnlyList<ShellField> Fields(ShellWord word, Func<string, string?> lookup, Action<string, string>? assign = null) => Expand(word, lookup, assign, split: true, glob: true);

    /// <summary><paramref name="word"/> expanded as one string, not split, nothing globbed (assignment values, redirection targets).</summary>
    /// <param name="word">The word.</param>
    /// <param name="lookup">A parameter's value, null when unset.</param>
    /// <param name="assign">Sets a variable (for ${NAME:=word}); null: that form only expands.</param>
    public static string Text(ShellWord word, Func<string, string?> lookup, Action<string, string>? assign = null) => string.Concat(Expand(word, lookup, assign, split: false, glob: false).Select(f => f.Text));

    /// <summary><paramref name="word"/> expanded as one field, not split, its unquoted glob characters marked (case patterns: quoted ones match literally).</summary>
    /// <param name="word">The word.</param>
    /// <param name="lookup">A parameter's value, null when unset.</param>
    /// <param name="assign">Sets a variable (for ${NAME:=word}); null: that form only expands.</param>
    public static ShellField Pattern(ShellWord word, Func<string, string?> lookup, Action<string, string>? assign = null) =>
        Expand(word, lookup, assign, split: false, glob: true) is [var field] ? field : new ShellField("", []);

    private static List<ShellField> Expand(ShellWord word, Func<string, string?> lookup, Action<string, string>? assign, bool split, bool glob)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(lookup);
        var fields = new List<ShellField>();
        var text = new StringBuilder();
        var active = new List<bool>();
        var started = false;
        void Add(char c, bool glob)
        {
            text.Append(c);
            active.Add(glob);
            started = true;
        }
        void Cut()
        {
            if (started) fields.Add(new ShellField(text.ToString(), [.. active]));
            text.Clear();
            active.Clear();
            started = false;
        }
        foreach (var part in word.Parts)
        {
            if (part.Quote is ShellQuote.Single or ShellQuote.Escaped)
            {
                started = true;
                foreach (var c in part.Text) Add(c, false);
                continue;
            }
            var unquoted = part.Quote == ShellQuote.None;
            if (!unquoted && part.Text == "$@" && lookup("@") is "" or null) continue; // "$@" with no parameters: no field
            if (!unquoted) started = true;
            if (part.Substitution)
            {
                Value(part.Text);
                continue;
            }
            for (var i = 0; i < part.Text.Length;)
            {
                if (Dollar(part.Text, i, lookup, assign) is not var (value, next))
                {
                    Add(part.Text[i], unquoted && glob && IsGlob(part.Text[i]));
                    i++;
                    continue;
                }
                i = next;
                Value(value);
            }

            // An expanded value: unquoted, split at blanks and globbed; the parameters of $@ (NUL between them) separate fields, also in "..."
            void Value(string value)
            {
                foreach (var c in value)
                {
                    if (c == ParameterBreak && split)
                    {
                        Cut();
                        started = !unquoted;
                    }
                    else if (unquoted && split && c is ' ' or '\t' or '\n') Cut();
                    else Add(c == ParameterBreak ? ' ' : c, unquoted && glob && IsGlob(c));
                }
            }
        }
        Cut();
        return fields;
    }

    private static bool IsGlob(char c) => c is '*' or '?' or '[' or ']';

    /// <summary>The expansion starting with the '$' at <paramref name="i"/> (its value, unset as empty) and where the text goes on, or null when the '$' is literal.</summary>
    private static (string Value, int Next)? Dollar(string text, int i, Func<string, string?> lookup, Action<string, string>? assign)
    {
        if (text[i] != '$' || i + 1 >= text.Length) return null;
        var c = text[i + 1];
        if (c is '?' or '$' or '!' or '#' or '@' or '*' || char.IsAsciiDigit(c)) return (lookup(c.ToString()) ?? "", i + 2);
        if (c == '{') return Braced(text, i, lookup, assign);
        var end = i + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
        var plain = text[(i + 1)..end];
        return IsName(plain) ? (lookup(plain) ?? "", end) : null;
    }

    /// <summary>
    /// ${NAME}, ${#NAME} (the value's length), ${NAME:-word} (word when NAME is unset or empty), ${NAME:=word} (the
    /// same, and NAME set to it), ${NAME:+word} (word when NAME is set and not empty, else nothing); the word's $
    /// expand (it ends at the '}' that closes the braces, nested ${...} counted). Null when the braces are not one of these.
    /// </summary>
    private static (string Value, int Next)? Braced(string text, int i, Func<string, string?> lookup, Action<string, string>? assign)
    {
        var close = Close(text, i + 2);
        if (close < 0) return null;
        var inside = text[(i + 2)..close];
        if (inside.Length > 1 && inside[0] == '#' && IsParameter(inside[1..])) return ((lookup(inside[1..]) ?? "").Length.ToString(System.Globalization.CultureInfo.InvariantCulture), close + 1);
        if (IsParameter(inside)) return (lookup(inside) ?? "", close + 1);
        var colon = inside.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon + 1 >= inside.Length || inside[colon + 1] is not ('-' or '=' or '+') || !IsParameter(inside[..colon])) return null;
        var name = inside[..colon];
        var value = lookup(name) ?? "";
        var word = new Lazy<string>(() => Text(new ShellWord([new ShellWordPart(inside[(colon + 2)..], ShellQuote.Double)]), lookup, assign));
        switch (inside[colon + 1])
        {
            case '+':
                return (value.Length > 0 ? word.Value : "", close + 1);
            case '=' when value.Length == 0 && IsName(name):
                assign?.Invoke(name, word.Value);
                return (word.Value, close + 1);
            default:
                return (value.Length > 0 ? value : word.Value, close + 1);
        }
    }

    /// <summary>How deep ${...} may nest inside a ${NAME:-word}'s word; deeper, the outer one stays as written (the host's stack is bounded).</summary>
    public const int MaxBraceNesting = 32;

    /// <summary>Where the '}' closing a ${ whose text starts at <paramref name="from"/> is (nested ${...} skipped), or -1 (also when they nest deeper than <see cref="MaxBraceNesting"/>).</summary>
    private static int Close(string text, int from)
    {
        var depth = 0;
        for (var j = from; j < text.Length; j++)
        {
            if (text[j] == '$' && j + 1 < text.Length && text[j + 1] == '{')
            {
                if (++depth > MaxBraceNesting) return -1;
                j++;
            }
            else if (text[j] == '}' && depth-- == 0) return j;
        }
        return -1;
    }

    /// <summary>A name or one of the special parameters ? $ ! # 0..9 (what may stand in braces).</summary>
    private static bool IsParameter(string name) => IsName(name) || (name.Length == 1 && (name[0] is '?' or '$' or '!' or '#' || char.IsAsciiDigit(name[0])));
}
