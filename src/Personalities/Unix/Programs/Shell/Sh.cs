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
/// "sh: NAME: not found" (127). Builtins, run in the shell: <c>cd [DIR]</c>, <c>pwd</c>, <c>unset NAME...</c>,
/// <c>wait</c>, <c>exit [N]</c>, <c>true</c>, <c>false</c>. Variables: NAME=value alone on a command sets a
/// shell variable; $NAME, ${NAME}, $? (last status), $$ (the shell's pid), $! (the last background pid)
/// expand (<see cref="ShellExpander"/>), then globbing (<see cref="ShellGlob"/>). Split: .Run (pipelines,
/// redirections, children), .Expand (words to argv).
/// </summary>
public sealed partial class Sh
{
    private readonly UnixEnv _u;
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private int _status;
    private bool _exit;
    private int _pid;
    private int? _lastBackground;

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
        _lastBackground = parent._lastBackground;
    }

    /// <summary>The program.</summary>
    public static async Task<int> Main(UnixEnv u, IReadOnlyList<string> argv)
    {
        var shell = new Sh(u) { _pid = (await u.Getpid()).Pid };
        var interactive = argv.Count == 2 && argv[1] == "-i";
        if (interactive) argv = [argv[0]];
        if (argv.Count > 1 && argv[1] == "-c")
        {
            if (argv.Count != 3) return await ProgramIo.Fail(u, "usage: sh [-i | -c LINE | FILE]", 2);
            await shell.RunLine(argv[2]);
            return shell._status;
        }
        if (argv.Count > 2) return await ProgramIo.Fail(u, "usage: sh [-i | -c LINE | FILE]", 2);
        var fd = 0;
        if (argv.Count == 2)
        {
            var (error, opened) = await u.Open(argv[1], Server.OpenFile.ReadOnly);
            if (error != Errno.None) return await ProgramIo.Fail(u, $"sh: {argv[1]}: {ProgramIo.Message(error)}", 127);
            fd = opened;
        }
        var pending = new StringBuilder();
        while (!shell._exit)
        {
            if (interactive && pending.Length == 0) await u.Write(2, Prompt);
            var (error, data) = await ProgramIo.Read(u, fd);
            if (error != Errno.None || data.Length == 0) break;
            pending.Append(ProgramIo.Text(data));
            var text = pending.ToString();
            var cut = text.LastIndexOf('\n');
            if (cut < 0) continue;
            pending.Clear().Append(text, cut + 1, text.Length - cut - 1);
            foreach (var line in text[..cut].Split('\n'))
            {
                if (shell._exit) break;
                await shell.RunLine(line);
            }
        }
        if (!shell._exit && pending.Length > 0) await shell.RunLine(pending.ToString());
        return shell._status;
    }

    /// <summary>Parses and runs one line; a syntax error is reported and sets status 2.</summary>
    private async Task RunLine(string line)
    {
        var (script, error) = ShellParser.Parse(line);
        if (script is null)
        {
            _status = await ProgramIo.Fail(_u, "sh: " + error, 2);
            return;
        }
        foreach (var list in script.Lists)
        {
            if (_exit) return;
            if (!list.Background)
            {
                _status = await RunAndOr(list);
                continue;
            }
            var (forked, pid) = await _u.Fork(async c => await new Sh(c, this).RunAndOr(list));
            if (forked == Errno.None) _lastBackground = pid;
            _status = forked == Errno.None ? 0 : await ProgramIo.Fail(_u, $"sh: fork: {ProgramIo.Message(forked)}");
        }
    }

    /// <summary>An and-or list: each pipeline after &amp;&amp; runs when the status so far is 0, after || when it is not.</summary>
    private async Task<int> RunAndOr(ShellAndOr list)
    {
        var status = await RunPipeline(list.First);
        foreach (var link in list.Rest)
        {
            if (_exit) break;
            if ((link.Operator == ShellTokenKind.AndIf) == (status == 0)) status = await RunPipeline(link.Pipeline);
        }
        return status;
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
                foreach (var name in argv.Skip(1)) _variables.Remove(name);
                return 0;
            case "wait":
                while ((await _u.Wait()).Error == Errno.None)
                {
                }
                return 0;
            default:
                return null;
        }
    }

    /// <summary>The shell's status for a child's wait status: its exit code, or 128 + the signal.</summary>
    private static int StatusOf(int wait) => WaitStatus.IfExited(wait) ? WaitStatus.ExitStatus(wait) : 128 + WaitStatus.TermSig(wait);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
