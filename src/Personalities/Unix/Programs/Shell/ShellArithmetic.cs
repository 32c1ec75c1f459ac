using System.Globalization;

namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>
/// The expression of an arithmetic expansion <c>$((...))</c> (docs/UNIX.md, "The shell"): signed 64-bit integers
/// (wrapping on overflow), decimal numbers, variables by name (unset or empty: 0; a value that is not a number is
/// an error), parentheses, unary - + !, then in rising binding order || &amp;&amp;, == !=, &lt; &lt;= &gt; &gt;=, + -, * / %
/// (C's precedence; comparisons and ! give 1 or 0; &amp;&amp; and || do not evaluate their right side when the left
/// decides). Errors (division by zero, bad syntax, nesting deeper than <see cref="MaxNesting"/>) are a message, never an exception. Plain: the lookup is the only
/// input besides the text.
/// </summary>
public static class ShellArithmetic
{
    /// <summary>The value of <paramref name="expression"/>, or null and the error ("division by zero", "syntax error in expression").</summary>
    public static (long? Value, string? Error) Evaluate(string expression, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(lookup);
        var parser = new Parser(expression, lookup);
        var value = parser.Or(true);
        parser.Blanks();
        if (parser.Error is null && !parser.AtEnd) parser.Error = $"syntax error in expression '{expression}'";
        return parser.Error is null ? (value, null) : (null, parser.Error);
    }

    /// <summary>How deep parentheses and unary operators may nest.</summary>
    public const int MaxNesting = 200;

    /// <summary>The levels of binary operators, loosest first (|| and &amp;&amp; are handled apart).</summary>
    private static readonly string[][] Levels = [["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"]];

    private sealed class Parser(string text, Func<string, string?> lookup)
    {
        private int _at;

        public string? Error { get; set; }

        public bool AtEnd => _at >= text.Length;

        public void Blanks()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_at])) _at++;
        }

        /// <summary>a || b: <paramref name="live"/> false while the value does not count (errors such as division by zero are then not raised).</summary>
        public long Or(bool live)
        {
            var left = And(live);
            while (Error is null && Take("||"))
            {
                var right = And(live && left == 0);
                left = left != 0 || right != 0 ? 1 : 0;
            }
            return left;
        }

        private long And(bool live)
        {
            var left = Binary(0, live);
            while (Error is null && Take("&&"))
            {
                var right = Binary(0, live && left != 0);
                left = left != 0 && right != 0 ? 1 : 0;
            }
            return left;
        }

        private long Binary(int level, bool live)
        {
            if (level == Levels.Length) return Unary(live);
            var left = Binary(level + 1, live);
            while (Error is null && Operator(level) is { } op)
            {
                var right = Binary(level + 1, live);
                left = Apply(op, left, right, live);
            }
            return left;
        }

        /// <summary>The operator of <paramref name="level"/> next in the text (taken), or null ("&lt;" is not taken from "&lt;=", "|" from "||", "&amp;" from "&amp;&amp;").</summary>
        private string? Operator(int level)
        {
            Blanks();
            foreach (var op in Levels[level])
            {
                if (string.CompareOrdinal(text, _at, op, 0, op.Length) != 0) continue;
                _at += op.Length;
                return op;
            }
            return null;
        }

        private long Apply(string op, long a, long b, bool live)
        {
            if (op is "/" or "%" && b == 0)
            {
                if (live) Error = "division by zero";
                return 0;
            }
            return unchecked(op switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                "/" => b == -1 ? -a : a / b,
                "%" => b == -1 ? 0 : a % b,
                "==" => a == b ? 1 : 0,
                "!=" => a != b ? 1 : 0,
                "<" => a < b ? 1 : 0,
                "<=" => a <= b ? 1 : 0,
                ">" => a > b ? 1 : 0,
                _ => a >= b ? 1 : 0,
            });
        }

        private int _nesting;

        /// <summary>A unary operator or parenthesis and what it applies to; nested more than <see cref="MaxNesting"/> deep an error (the host's stack is bounded).</summary>
        private long Unary(bool live)
        {
            if (++_nesting > MaxNesting)
            {
                Error ??= "expression nested too deep";
                return 0;
            }
            var value = Operand(live);
            _nesting--;
            return value;
        }

        private long Operand(bool live)
        {
            Blanks();
            if (Take("-")) return unchecked(-Unary(live));
            if (Take("+")) return Unary(live);
            if (!Peek("!=") && Take("!")) return Unary(live) == 0 ? 1 : 0;
            if (Take("("))
            {
                var inner = Or(live);
                if (Error is null && !Take(")")) Error = "missing ) in expression";
                return inner;
            }
            return Primary();
        }

        /// <summary>A number or a variable's value.</summary>
        private long Primary()
        {
            Blanks();
            var start = _at;
            if (!AtEnd && char.IsAsciiDigit(text[_at]))
            {
                while (!AtEnd && char.IsAsciiLetterOrDigit(text[_at])) _at++;
                return Number(text[start.._at]);
            }
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_')) _at++;
            var name = text[start.._at];
            if (!ShellExpander.IsName(name))
            {
                Error ??= AtEnd ? "syntax error: expression ends early" : $"syntax error in expression near '{text[start..]}'";
                return 0;
            }
            var value = (lookup(name) ?? "").Trim();
            return value.Length == 0 ? 0 : Number(value);
        }

        private long Number(string digits)
        {
            var negative = digits.StartsWith('-');
            if (long.TryParse(negative ? digits[1..] : digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return negative ? -n : n;
            Error ??= $"bad number '{digits}'";
            return 0;
        }

        private bool Peek(string op)
        {
            Blanks();
            return string.CompareOrdinal(text, _at, op, 0, op.Length) == 0;
        }

        private bool Take(string op)
        {
            if (!Peek(op)) return false;
            _at += op.Length;
            return true;
        }
    }
}
