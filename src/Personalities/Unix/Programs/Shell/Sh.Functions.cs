namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>Functions (definition, call, return) and the read builtin.</summary>
public sealed partial class Sh
{
    /// <summary>How deep function calls may nest before a call fails ("sh: function nesting too deep", status 2).</summary>
    public const int MaxFunctionDepth = 100;

    private readonly Dictionary<string, ShellCommand> _functions = new(StringComparer.Ordinal);
    private int _depth;
    private bool _returning;
    private int _returnStatus;

    /// <summary>NAME() BODY: defines (or redefines) the function; status 0.</summary>
    private int Define(ShellFunction function)
    {
        _functions[function.Name] = function.Body;
        return 0;
    }

    /// <summary>
    /// Calls the function <paramref name="body"/> with argv[1..] as its positional parameters (restored after, as are
    /// the enclosing loops, which break / continue inside do not see). A call costs a loop round's CPU time; deeper than
    /// <see cref="MaxFunctionDepth"/> it fails. Status: return's N, else the body's.
    /// </summary>
    private async Task<int> Call(ShellCommand body, IReadOnlyList<string> argv)
    {
        if (_depth >= MaxFunctionDepth) return await ProgramIo.Fail(_u, "sh: function nesting too deep", 2);
        await _u.Mach.Compute(RoundCycles);
        var (parameters, loops) = (_params, _loops);
        (_params, _loops) = ([.. argv.Skip(1)], 0);
        _depth++;
        var status = await RunPipeline(new ShellPipeline([body]));
        _depth--;
        (_params, _loops) = (parameters, loops);
        if (_returning)
        {
            _returning = false;
            status = _returnStatus;
        }
        return status;
    }

    /// <summary>return [N]: leaves the function being run with status N (by default $?); outside a function an error (status 1).</summary>
    private async Task<int> Return(IReadOnlyList<string> argv)
    {
        if (_depth == 0) return await ProgramIo.Fail(_u, "sh: return: not in a function");
        var n = argv.Count > 1 ? ProgramIo.Count(argv[1]) : _status;
        if (n is null) return await ProgramIo.Fail(_u, $"sh: return: {argv[1]}: bad number", 2);
        _returnStatus = (int)(n.Value & 0xff);
        _returning = true;
        return _returnStatus;
    }

    /// <summary>
    /// read [NAME...]: reads one line of standard input a byte at a time (so what follows stays for the next reader of a
    /// shared descriptor), splits it at blanks into the names (the last one gets the rest; without names REPLY gets the
    /// line; backslashes are not special, as with read -r). Status 0, or 1 at the end of input before a newline (the
    /// names are still set to what was read).
    /// </summary>
    private async Task<int> ReadLine(IReadOnlyList<string> argv)
    {
        var names = argv.Count > 1 ? argv.Skip(1).ToList() : ["REPLY"];
        if (names.FirstOrDefault(n => !ShellExpander.IsName(n)) is { } bad) return await ProgramIo.Fail(_u, $"sh: read: {bad}: bad variable name", 2);
        var bytes = new List<byte>();
        var ended = true;
        while (await _u.Read(0, 1) is { Error: Errno.None, Data: [var b] })
        {
            if (b == (byte)'\n')
            {
                ended = false;
                break;
            }
            bytes.Add(b);
        }
        var rest = ProgramIo.Text([.. bytes]).Trim(' ', '\t');
        for (var i = 0; i < names.Count; i++)
        {
            var cut = i == names.Count - 1 ? -1 : rest.IndexOfAny([' ', '\t']);
            _variables[names[i]] = cut < 0 ? rest : rest[..cut];
            rest = cut < 0 ? "" : rest[cut..].TrimStart(' ', '\t');
        }
        return ended ? 1 : 0;
    }
}
