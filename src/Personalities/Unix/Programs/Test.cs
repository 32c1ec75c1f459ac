using System.Globalization;
using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Fs;

namespace MachActors.Personalities.Unix.Programs;

/// <summary>
/// test EXPRESSION, [ EXPRESSION ]: exit 0 when the expression is true, 1 when false, 2 (with "test: ..." on
/// standard error) when it is malformed. Expressions: STRING (not empty), -n / -z STRING, S1 = S2, S1 != S2,
/// N1 -eq -ne -lt -gt -le -ge N2 (integers), -e / -f / -d PATH (stat: exists, a regular file, a directory),
/// ! EXPR, EXPR -a EXPR, EXPR -o EXPR (-a binds tighter). "[" wants "]" as its last word.
/// </summary>
public static class Test
{
    /// <summary>The program (registered as "test" and "[").</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(argv);
        var name = ProgramIo.BaseName(argv[0]);
        var args = argv.Skip(1).ToList();
        if (name == "[")
        {
            if (args.Count == 0 || args[^1] != "]") return await ProgramIo.Fail(u, "[: missing ]", 2);
            args.RemoveAt(args.Count - 1);
        }
        var (result, error) = await Evaluate(args, async path => (await u.Stat(path)).Stat?.Kind);
        return error is not null ? await ProgramIo.Fail(u, $"{name}: {error}", 2) : result ? 0 : 1;
    }

    /// <summary>Evaluates <paramref name="args"/> (without "[" and "]"); <paramref name="kind"/> stats a path (null: it does not exist). The result, or the error.</summary>
    public static async Task<(bool Result, string? Error)> Evaluate(IReadOnlyList<string> args, Func<string, Task<FileKind?>> kind)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(kind);
        if (args.Count > 3)
        {
            foreach (var op in new[] { "-o", "-a" })
            {
                var at = IndexOf(args, op);
                if (at < 0) continue;
                var (left, e1) = await Evaluate([.. args.Take(at)], kind);
                if (e1 is not null) return (false, e1);
                var (right, e2) = await Evaluate([.. args.Skip(at + 1)], kind);
                return e2 is not null ? (false, e2) : (op == "-o" ? left || right : left && right, null);
            }
        }
        if (args.Count > 1 && args[0] == "!")
        {
            var (value, error) = await Evaluate([.. args.Skip(1)], kind);
            return (!value && error is null, error);
        }
        return args switch
        {
            [] => (false, null),
            [var s] => (s.Length > 0, null),
            ["-n", var s] => (s.Length > 0, null),
            ["-z", var s] => (s.Length == 0, null),
            ["-e", var path] => (await kind(path) is not null, null),
            ["-f", var path] => (await kind(path) == FileKind.Regular, null),
            ["-d", var path] => (await kind(path) == FileKind.Directory, null),
            [var op, _] => (false, $"{op}: unary operator expected"),
            [var a, "=", var b] => (a == b, null),
            [var a, "!=", var b] => (a != b, null),
            [var a, "-a", var b] => (a.Length > 0 && b.Length > 0, null),
            [var a, "-o", var b] => (a.Length > 0 || b.Length > 0, null),
            [var a, var op, var b] => Compare(a, op, b),
            _ => (false, $"{args[3]}: unexpected argument"),
        };
    }

    /// <summary>An integer comparison.</summary>
    private static (bool Result, string? Error) Compare(string a, string op, string b)
    {
        if (!long.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x)) return (false, $"{a}: integer expression expected");
        if (!long.TryParse(b, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y)) return (false, $"{b}: integer expression expected");
        return op switch
        {
            "-eq" => (x == y, null),
            "-ne" => (x != y, null),
            "-lt" => (x < y, null),
            "-gt" => (x > y, null),
            "-le" => (x <= y, null),
            "-ge" => (x >= y, null),
            _ => (false, $"{op}: binary operator expected"),
        };
    }

    /// <summary>Where <paramref name="op"/> joins two expressions (not first nor last), or -1.</summary>
    private static int IndexOf(IReadOnlyList<string> args, string op)
    {
        for (var i = 1; i < args.Count - 1; i++)
        {
            if (args[i] == op) return i;
        }
        return -1;
    }
}
