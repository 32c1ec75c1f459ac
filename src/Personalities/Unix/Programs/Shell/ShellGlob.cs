namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>
/// Pathname expansion of a <see cref="ShellField"/> (POSIX "pattern matching notation"): in its active
/// characters * matches any string, ? one character, [abc] [a-z] [!abc] one character of (or not of) a
/// set; a name starting with '.' is matched only by a pattern starting with '.'. The components before
/// the first pattern are taken as written; each one from there is matched against the entries of the
/// directories found so far (the listing function, relative ones from "."), so only paths that exist
/// come out, sorted (ordinal). No match: the field's text as it is. Plain: the listing is the only input.
/// </summary>
public static class ShellGlob
{
    /// <summary>The paths <paramref name="field"/> names, or its text alone when it is no pattern or matches nothing. <paramref name="list"/> gives a directory's entry names, or null when it is none.</summary>
    public static async Task<IReadOnlyList<string>> Expand(ShellField field, Func<string, Task<IReadOnlyList<string>?>> list)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(list);
        var text = field.Text;
        var components = new List<(int Start, int End)>();
        for (var start = 0; start <= text.Length;)
        {
            var slash = text.IndexOf('/', start);
            var end = slash < 0 ? text.Length : slash;
            components.Add((start, end));
            start = end + 1;
        }
        var first = components.FindIndex(c => Compile(field, c.Start, c.End).Any(t => t.Kind != Literal));
        if (first < 0) return [text];
        List<string> found = [text[..components[first].Start]];
        for (var k = first; k < components.Count && found.Count > 0; k++)
        {
            var (start, end) = components[k];
            var last = k == components.Count - 1;
            var name = text[start..end];
            var next = new List<string>();
            foreach (var dir in found)
            {
                if (name.Length == 0 || name is "." or "..")
                {
                    if (name.Length > 0 || !last || await list(dir.Length == 0 ? "." : dir) is not null) next.Add(dir + name + (last || name.Length == 0 ? "" : "/"));
                    continue;
                }
                var pattern = Compile(field, start, end);
                var entries = await list(dir.Length == 0 ? "." : dir) ?? [];
                next.AddRange(entries.Where(e => Matches(pattern, e)).Select(e => dir + e + (last ? "" : "/")));
            }
            found = next;
        }
        return found.Count == 0 ? [text] : [.. found.Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="name"/> matches the whole of <paramref name="pattern"/> (every character active: a plain glob pattern).</summary>
    public static bool Matches(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        return Matches(new ShellField(pattern, [.. pattern.Select(_ => true)]), name);
    }

    /// <summary>Whether <paramref name="name"/> matches the whole of <paramref name="pattern"/> (only its active characters glob).</summary>
    public static bool Matches(ShellField pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        return Matches(Compile(pattern, 0, pattern.Text.Length), name);
    }

    private const char Literal = 'l';

    /// <summary>One element of a pattern: a literal character, '?', '*', or a set '[' (its members, ranges as "a-z", and whether it is negated).</summary>
    private readonly record struct Token(char Kind, char Char, string Set, bool Negated);

    private static List<Token> Compile(ShellField field, int start, int end)
    {
        var text = field.Text;
        var tokens = new List<Token>();
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (!field.Active[i] || c is not ('*' or '?' or '['))
            {
                tokens.Add(new Token(Literal, c, "", false));
                continue;
            }
            if (c != '[')
            {
                tokens.Add(new Token(c, c, "", false));
                continue;
            }
            var j = i + 1;
            var negated = j < end && text[j] is '!' or '^';
            if (negated) j++;
            var close = j < end ? text.IndexOf(']', j + 1, end - j - 1) : -1; // a ']' first is a member
            if (close < 0)
            {
                tokens.Add(new Token(Literal, c, "", false));
                continue;
            }
            tokens.Add(new Token('[', c, text[j..close], negated));
            i = close;
        }
        return tokens;
    }

    /// <summary>Whether the tokens match all of <paramref name="name"/> (a leading '.' only literally).</summary>
    private static bool Matches(List<Token> pattern, string name)
    {
        if (name.StartsWith('.') && pattern is not [{ Kind: Literal, Char: '.' }, ..]) return false;
        int p = 0, n = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Count && pattern[p].Kind == '*')
            {
                starP = p++;
                starN = n;
            }
            else if (p < pattern.Count && One(pattern[p], name[n]))
            {
                p++;
                n++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                n = ++starN;
            }
            else return false;
        }
        while (p < pattern.Count && pattern[p].Kind == '*') p++;
        return p == pattern.Count;
    }

    private static bool One(Token t, char c) => t.Kind switch
    {
        Literal => t.Char == c,
        '?' => true,
        '[' => InSet(t.Set, c) != t.Negated,
        _ => false,
    };

    private static bool InSet(string set, char c)
    {
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                if (c >= set[i] && c <= set[i + 2]) return true;
                i += 2;
            }
            else if (set[i] == c) return true;
        }
        return false;
    }
}
