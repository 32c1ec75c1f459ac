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
    public static IReadOnlyList<ShellField> Fields(ShellWord word, Func<string, string?> lookup) => Expand(word, lookup, split: true);

    /// <summary><paramref name="word"/> expanded as one string, not split, nothing globbed (assignment values, redirection targets).</summary>
    public static string Text(ShellWord word, Func<string, string?> lookup) => string.Concat(Expand(word, lookup, split: false).Select(f => f.Text));

    private static List<ShellField> Expand(ShellWord word, Func<string, string?> lookup, bool split)
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
                if (Dollar(part.Text, i, lookup) is not var (value, next))
                {
                    Add(part.Text[i], unquoted && split && IsGlob(part.Text[i]));
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
                    else Add(c == ParameterBreak ? ' ' : c, unquoted && split && IsGlob(c));
                }
            }
        }
        Cut();
        return fields;
    }

    private static bool IsGlob(char c) => c is '*' or '?' or '[' or ']';

    /// <summary>The expansion starting with the '$' at <paramref name="i"/> (its value, unset as empty) and where the text goes on, or null when the '$' is literal.</summary>
    private static (string Value, int Next)? Dollar(string text, int i, Func<string, string?> lookup)
    {
        if (text[i] != '$' || i + 1 >= text.Length) return null;
        var c = text[i + 1];
        if (c is '?' or '$' or '!' or '#' or '@' or '*' || char.IsAsciiDigit(c)) return (lookup(c.ToString()) ?? "", i + 2);
        if (c == '{')
        {
            var close = text.IndexOf('}', i + 2);
            if (close < 0) return null;
            var name = text[(i + 2)..close];
            var special = name.Length == 1 && (name[0] is '?' or '$' or '!' or '#' || char.IsAsciiDigit(name[0]));
            return IsName(name) || special ? (lookup(name) ?? "", close + 1) : null;
        }
        var end = i + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
        var plain = text[(i + 1)..end];
        return IsName(plain) ? (lookup(plain) ?? "", end) : null;
    }
}
