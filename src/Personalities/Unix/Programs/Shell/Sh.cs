using System.Globalization;
using System.Text;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>
/// sh: the shell (docs/UNIX.md, "The shell"). <c>sh -c LINE</c> runs one command line; <c>sh FILE</c>
/// runs the lines of a file; <c>sh</c> runs the lines of standard input until its end; <c>sh -i</c> too,
/// interactively: it writes the prompt <see cref="Prompt"/> to standard error before reading each
/// line. The exit status is the last command's (2 for bad usage or a syntax error). Each command of a pipeline is a forked
/// child that sets up its descriptors and execs the program; the shell waits for a pipeline's children
/// and reports one killed by a signal ("Segmentation fault"); a program that is not there is
/// "sh: NAME: not found" (127). Builtins, run in the shell: <c>cd [DIR]</c>, <c>pwd</c>, <c>unset NAME...</c>, <c>export [NAME[=value]...]</c>,
/// <c>wait</c>, <c>exit [N]</c>, <c>true</c>, <c>false</c>, <c>break [N]</c>, <c>continue [N]</c>, <c>shift [N]</c>,
/// <c>return [N]</c>, <c>read [NAME...]</c>; then functions (NAME() BODY), then programs.
/// Variables: NAME=value alone on a command sets a shell variable; $NAME, ${NAME}, $? (last status), $$ (the
/// shell's pid), $! (the last background pid), $0, $1..$9, $#, $@, $* expand (<see cref="ShellExpander"/>),
/// command substitutions run, then globbing (<see cref="ShellGlob"/>). A script's commands may span lines
/// (if, while, until, for, case, groups, functions). Split: .Run (pipelines, redirections, children), .Flow (compound commands),
/// .Expand (words to argv, command substitution, arithmetic), .Functions (functions, return, read), .Environment
/// (the variables imported from and exported to the environment).
/// </summary>
public sealed partial class Sh
{
    private readonly UnixEnv _u;
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private int _status;
    private bool _exit;
    private int _pid;
    private int? _lastBackground;
    private string _name = "sh";
    private IReadOnlyList<string> _params = [];

    private Sh(UnixEnv u) => _u = u;

    /// <summary>What an interactive shell (<c>sh -i</c>) writes to standard error before reading a line.</summary>
    public const string Prompt = "$ ";

    /// <summary>A forked copy of <paramref name="parent"/> (a background list, a pipeline's child): its variables, status and $$.</summary>
    private Sh(UnixEnv u, Sh parent)
        : this(u)
    {
        foreach (var (name, value) in parent._variables) _variables[name] = value;
        _status = parent._status;
        _pid = parent._pid;
        _name = parent._name;
        _params = parent._params;
        _lastBackground = parent._lastBackground;
        foreach (var (name, body) in parent._functions) _functions[name] = body;
        _exported.UnionWith(parent._exported);
        _depth = parent._depth;
    }

    /// <summary>The program: <c>sh -c LINE [NAME [ARG...]]</c>, <c>sh FILE [ARG...]</c>, <c>sh</c>, <c>sh -i</c>.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var shell = new Sh(u) { _pid = (await u.Getpid()).Pid };
        shell.Import();
        var interactive = argv.Count == 2 && argv[1] == "-i";
        if (interactive) argv = [argv[0]];
        if (argv.Count > 1 && argv[1] == "-c")
        {
            if (argv.Count < 3) return await ProgramIo.Fail(u, Usage, 2);
            shell._name = argv.Count > 3 ? argv[3] : "sh";
            shell._params = [.. argv.Skip(4)];
            await shell.RunText(argv[2]);
            return shell._status;
        }
        if (argv.Count > 1 && argv[1].StartsWith('-')) return await ProgramIo.Fail(u, Usage, 2);
        var fd = 0;
        if (argv.Count > 1)
        {
            var (error, opened) = await u.Open(argv[1], Server.OpenFile.ReadOnly);
            if (error != Errno.None) return await ProgramIo.Fail(u, $"sh: {argv[1]}: {ProgramIo.Message(error)}", 127);
            fd = opened;
            shell._name = argv[1];
            shell._params = [.. argv.Skip(2)];
        }
        await shell.RunInput(fd, interactive);
        return shell._status;
    }

    private const string Usage = "usage: sh [-i | -c LINE [NAME [ARG...]] | FILE [ARG...]]";

    /// <summary>
    /// Reads <paramref name="fd"/> to its end a line at a time; each command, once its lines are complete (an if
    /// up to its fi), runs before the next line is read. Interactive: the prompt before a command's first
    /// line, "&gt; " before the lines that continue one.
    /// </summary>
    private async Task RunInput(int fd, bool interactive)
    {
        var pending = new StringBuilder();
        var command = new StringBuilder();
        while (!_exit)
        {
            if (interactive && pending.Length == 0) await _u.Write(2, command.Length == 0 ? Prompt : "> ");
            var (error, data) = await ProgramIo.Read(_u, fd);
            if (error != Errno.None || data.Length == 0) break;
            pending.Append(ProgramIo.Text(data));
            var text = pending.ToString();
            var cut = text.LastIndexOf('\n');
            if (cut < 0) continue;
            pending.Clear().Append(text, cut + 1, text.Length - cut - 1);
            foreach (var line in text[..cut].Split('\n'))
            {
                if (_exit) break;
                command.Append(line).Append('\n');
                var (script, parseError) = ShellParser.Parse(command.ToString(), out var incomplete);
                if (script is null && incomplete) continue;
                command.Clear();
                await Run(script, parseError);
            }
        }
        if (!_exit && pending.Length + command.Length > 0) await RunText(command.Append(pending).ToString());
    }

    /// <summary>Parses and runs <paramref name="text"/> (a line, or lines); a syntax error is reported and sets status 2.</summary>
    private async Task RunText(string text)
    {
        var (script, error) = ShellParser.Parse(text);
        await Run(script, error);
    }

    private async Task Run(ShellScript? script, string? error)
    {
        if (script is null) _status = await ProgramIo.Fail(_u, "sh: " + error, 2);
        else await RunList(script);
    }

    /// <summary>
    /// Runs a list's and-or lists in order, each one ended by &amp; forked into a child shell and not waited for;
    /// stops after exit, break or continue. Returns (and leaves in $?) the last status.
    /// </summary>
    private async Task<int> RunList(ShellScript script)
    {
        foreach (var list in script.Lists)
        {
            if (Stopped) break;
            if (!list.Background)
            {
                _status = await RunAndOr(list);
                continue;
            }
            var (forked, pid) = await _u.Fork(async c => await new Sh(c, this).RunAndOr(list));
            if (forked == Errno.None) _lastBackground = pid;
            _status = forked == Errno.None ? 0 : await ProgramIo.Fail(_u, $"sh: fork: {ProgramIo.Message(forked)}");
        }
        return _status;
    }

    /// <summary>An and-or list: each pipeline after &amp;&amp; runs when the status so far is 0, after || when it is not.</summary>
    private async Task<int> RunAndOr(ShellAndOr list)
    {
        var status = await RunNegated(list.First);
        foreach (var link in list.Rest)
        {
            if (Stopped) break;
            if ((link.Operator == ShellTokenKind.AndIf) == (status == 0)) status = await RunNegated(link.Pipeline);
        }
        return status;
    }

    /// <summary>A pipeline's status, inverted after '!'.</summary>
    private async Task<int> RunNegated(ShellPipeline pipeline)
    {
        var status = await RunPipeline(pipeline);
        return pipeline.Negated ? (status == 0 ? 1 : 0) : status;
    }

    /// <summary>A builtin run in the shell itself, or null when <paramref name="argv"/> names none.</summary>
    private async Task<int?> Builtin(IReadOnlyList<string> argv)
    {
        switch (argv[0])
        {
            case "true":
                return 0;
            case "false":
                return 1;
            case "exit":
                _exit = true;
                return argv.Count > 1 ? (int)((ProgramIo.Count(argv[1]) ?? 2) & 0xff) : _status;
            case "cd":
                if (argv.Count > 2) return await ProgramIo.Fail(_u, "sh: cd: too many arguments");
                var dir = argv.Count > 1 ? argv[1] : _variables.GetValueOrDefault("HOME", "/");
                var changed = await _u.Chdir(dir);
                return changed == Errno.None ? 0 : await ProgramIo.Fail(_u, $"sh: cd: {dir}: {ProgramIo.Message(changed)}");
            case "pwd":
                var (error, cwd) = await _u.Getcwd();
                if (error != Errno.None) return await ProgramIo.Fail(_u, $"sh: pwd: {ProgramIo.Message(error)}");
                return (await ProgramIo.Out(_u, cwd + "\n")).Error == Errno.None ? 0 : 1;
            case "unset":
                foreach (var name in argv.Skip(1))
                {
                    _variables.Remove(name);
                    _exported.Remove(name);
                }
                return 0;
            case "export":
                return await Export(argv);
            case "break" or "continue":
                return Jump(argv);
            case "return":
                return await Return(argv);
            case "read":
                return await ReadLine(argv);
            case "shift":
                var n = argv.Count > 1 ? ProgramIo.Count(argv[1]) : 1;
                if (n is null || n > _params.Count) return await ProgramIo.Fail(_u, "sh: shift: can't shift that many");
                _params = [.. _params.Skip((int)n)];
                return 0;
            case "wait":
                while ((await _u.Wait()).Error == Errno.None)
                {
                }
                return 0;
            default:
                return _functions.TryGetValue(argv[0], out var function) ? await Call(function, argv) : null;
        }
    }

    /// <summary>The shell's status for a child's wait status: its exit code, or 128 + the signal.</summary>
    private static int StatusOf(int wait) => WaitStatus.IfExited(wait) ? WaitStatus.ExitStatus(wait) : 128 + WaitStatus.TermSig(wait);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
