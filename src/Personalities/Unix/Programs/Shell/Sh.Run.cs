using MachActors.Personalities.Unix.Emulation;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>Running a pipeline: pipes, one forked child per command (descriptors, redirections, exec), waiting for them.</summary>
public sealed partial class Sh
{
    /// <summary>
    /// Runs <paramref name="pipeline"/>: a lone compound command without redirections runs here; each command's
    /// words are expanded here first (command substitution, variables, then globbing); a lone command of
    /// assignments only sets the shell's variables, a lone builtin (or function) without redirections runs here (with
    /// the assignments before it set for its duration); otherwise a pipe between each two commands and a child per command; the
    /// shell closes its pipe ends, waits for each child by pid, reports those a signal other than SIGPIPE
    /// killed, and returns the last one's status.
    /// </summary>
    private async Task<int> RunPipeline(ShellPipeline pipeline)
    {
        if (pipeline.Commands is [{ Compound: { } compound, Redirects.Count: 0 }]) return await RunCompound(compound);
        if (pipeline.Commands is [{ Redirects.Count: 0, Words.Count: 0 } assignments])
        {
            var before = _status;
            _status = 0;
            await Assign(assignments);
            var assigned = Failed() ? 2 : _status; // the last command substitution's, else 0
            _status = before;
            return assigned;
        }
        var commands = new List<ExpandedCommand>();
        foreach (var command in pipeline.Commands) commands.Add(await Expand(command));
        if (Failed()) return 2;
        if (commands is [{ Redirects.Count: 0, Argv.Count: > 0 } lone] && await BuiltinWith(lone) is { } done) return done;
        var pipes = new List<(int Read, int Write)>();
        for (var i = 0; i + 1 < commands.Count; i++)
        {
            var (error, r, w) = await _u.Pipe();
            if (error != Errno.None)
            {
                await CloseAll(_u, pipes);
                return await ProgramIo.Fail(_u, $"sh: pipe: {ProgramIo.Message(error)}");
            }
            pipes.Add((r, w));
        }
        var pids = new List<int>();
        for (var i = 0; i < commands.Count; i++)
        {
            var (index, command) = (i, commands[i]);
            var (error, pid) = await _u.Fork(c => new Sh(c, this).Child(command, index == 0 ? -1 : pipes[index - 1].Read, index == commands.Count - 1 ? -1 : pipes[index].Write, pipes));
            if (error != Errno.None) await ProgramIo.Fail(_u, $"sh: fork: {ProgramIo.Message(error)}");
            else pids.Add(pid);
        }
        await CloseAll(_u, pipes);
        var status = 1;
        foreach (var pid in pids)
        {
            var (error, _, wait) = await _u.Waitpid(pid);
            if (error != Errno.None) continue;
            if (WaitStatus.IfSignaled(wait) && WaitStatus.TermSig(wait) != Signal.SIGPIPE) await _u.Write(2, ProgramIo.SignalMessage(WaitStatus.TermSig(wait)) + "\n");
            status = StatusOf(wait);
        }
        return status;
    }

    /// <summary>
    /// A command's child (this shell is its forked copy): standard input from <paramref name="input"/> and
    /// output to <paramref name="output"/> (-1: the shell's), every pipe descriptor closed, the redirections
    /// applied in order, then a compound command, a builtin or exec (no words: status 0) with the exported variables and the
    /// command's assignments as its environment. A redirection that fails: "sh: FILE:
    /// message", status 1; exec that fails: "sh: NAME: not found" (127) or "sh: NAME: message" (126).
    /// </summary>
    private async Task<int> Child(ExpandedCommand command, int input, int output, List<(int Read, int Write)> pipes)
    {
        var c = _u;
        if (input >= 0) await c.Dup2(input, 0);
        if (output >= 0) await c.Dup2(output, 1);
        await CloseAll(c, pipes);
        foreach (var redirect in command.Redirects)
        {
            if (await Redirect(c, redirect) is var (target, error) && error != Errno.None) return await ProgramIo.Fail(c, $"sh: {target}: {ProgramIo.Message(error)}");
        }
        if (command.Compound is ShellGroup { Subshell: true } group) return await RunList(group.Body); // already a child
        if (command.Compound is { } compound) return await RunCompound(compound);
        var argv = command.Argv;
        if (argv.Count == 0) return 0;
        ExportAll(command.Assignments); // this child's copy only: the command's environment
        if (await Builtin(argv) is { } builtin) return builtin;
        var failed = await ExecWith(c, argv, Exported());
        return failed == Errno.ENOENT
            ? await ProgramIo.Fail(c, $"sh: {argv[0]}: not found", 127)
            : await ProgramIo.Fail(c, $"sh: {argv[0]}: {ProgramIo.Message(failed)}", 126);
    }

    /// <summary>Applies one redirection: a file opened onto its descriptor, or (&gt;&amp; &lt;&amp;) a copy of the numbered descriptor, "-" closing it. The name to report and the error.</summary>
    private static async Task<(string Target, Errno Error)> Redirect(UnixEnv c, ExpandedRedirect redirect)
    {
        var target = redirect.Target;
        if (redirect.Kind is ShellTokenKind.DupOut or ShellTokenKind.DupIn)
        {
            if (target == "-")
            {
                await c.Close(redirect.Fd); // closing a closed descriptor is no error here
                return (target, Errno.None);
            }
            if (ProgramIo.Count(target) is not { } from || from > int.MaxValue) return (target, Errno.EBADF);
            return (target, (await c.Dup2((int)from, redirect.Fd)).Error);
        }
        var flags = redirect.Kind switch
        {
            ShellTokenKind.In => OpenFile.ReadOnly,
            ShellTokenKind.Append => OpenFile.WriteOnly | OpenFile.Create | OpenFile.Append,
            _ => OpenFile.WriteOnly | OpenFile.Create | OpenFile.Truncate,
        };
        var (error, fd) = await c.Open(target, flags);
        if (error != Errno.None || fd == redirect.Fd) return (target, error);
        var (duped, _) = await c.Dup2(fd, redirect.Fd);
        await c.Close(fd);
        return (Number(redirect.Fd), duped);
    }

    private static async Task CloseAll(UnixEnv u, List<(int Read, int Write)> pipes)
    {
        foreach (var (r, w) in pipes)
        {
            await u.Close(r);
            await u.Close(w);
        }
    }
}
