using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix.Server;

/// <summary>The process table, descriptor table and signal state without a machine.</summary>
public sealed class TableTests
{
    [Fact]
    public void Wait_ZombieChild_ReapedOnceThenEchild()
    {
        var t = new ProcessTable();
        var init = t.Add(0, "init");
        var child = t.Add(init.Pid, "c");
        t.Exit(child.Pid, WaitStatus.Exited(4));

        var (_, done) = t.Wait(init.Pid, -1, false, 1);

        Assert.Equal(new WaitCompletion(1, 1, 2, WaitStatus.Exited(4)), done);
        Assert.Equal(Errno.ECHILD, t.Wait(init.Pid, -1, false, 2).Error);
    }

    [Fact]
    public void Wait_RunningChild_BlocksThenExitCompletesIt()
    {
        var t = new ProcessTable();
        var init = t.Add(0, "init");
        var child = t.Add(init.Pid, "c");

        Assert.Equal((Errno.None, (WaitCompletion?)null), t.Wait(init.Pid, child.Pid, false, 9));
        Assert.Equal(0, t.Wait(init.Pid, child.Pid, true, 10).Done!.Pid);
        var woken = t.Exit(child.Pid, 0);

        Assert.Equal([new WaitCompletion(9, 1, 2, 0)], woken);
    }

    [Fact]
    public void Exit_WithZombieChildren_ReparentedToInitWhoseWaitReapsThem()
    {
        var t = new ProcessTable();
        var init = t.Add(0, "init");
        var mid = t.Add(init.Pid, "mid");
        var grandchild = t.Add(mid.Pid, "g");
        t.Exit(grandchild.Pid, 1);
        Assert.Equal(Errno.ECHILD, t.Wait(init.Pid, grandchild.Pid, false, 5).Error); // not init's child yet
        t.Wait(init.Pid, -1, false, 6);

        var woken = t.Exit(mid.Pid, 0);

        Assert.Equal([new WaitCompletion(6, init.Pid, grandchild.Pid, 1)], woken); // reparented, then reaped by init's wait
        Assert.Equal((ProcessState.Zombie, init.Pid), (t.Find(mid.Pid)!.State, t.Find(mid.Pid)!.Parent));
    }

    [Fact]
    public void FdTable_AddDupCloseClone_LowestFreeAndSharedRefs()
    {
        var fds = new FdTable();
        var file = new OpenFile(OpenFileKind.File, true, true);
        fds.Add(file);
        fds.Add(file);
        fds.Close(0, out var released);
        var clone = fds.Clone();

        Assert.Null(released);
        Assert.Equal(0, fds.Dup(1).Fd);
        Assert.Equal(3, file.Refs); // fd 0, fd 1 here, fd 1 in the clone
        Assert.Equal(Errno.EBADF, fds.Close(5, out _));
        Assert.Empty(fds.CloseAll());            // the clone still refers to it
        Assert.Equal([file], clone.CloseAll());  // its last descriptor releases it
    }

    [Fact]
    public void FdTable_Full_Emfile()
    {
        var fds = new FdTable();
        var file = new OpenFile(OpenFileKind.Console, true, true);
        for (var i = 0; i < FdTable.Max; i++) fds.Add(file);

        Assert.Equal(Errno.EMFILE, fds.Add(file).Error);
        Assert.Equal(Errno.EMFILE, fds.Dup(0).Error);
    }

    [Theory]
    [InlineData(Signal.SIGTERM, SignalDisposition.Default, SignalAction.Terminate)]
    [InlineData(Signal.SIGCHLD, SignalDisposition.Default, SignalAction.Ignore)]
    [InlineData(Signal.SIGTERM, SignalDisposition.Ignore, SignalAction.Ignore)]
    [InlineData(Signal.SIGTERM, SignalDisposition.Catch, SignalAction.Deliver)]
    [InlineData(Signal.SIGPIPE, SignalDisposition.Default, SignalAction.Terminate)]
    public void Post_Disposition_Action(int signal, SignalDisposition disposition, SignalAction expected)
    {
        var s = new SignalState();
        s.Set(signal, disposition, out _);

        Assert.Equal(expected, s.Post(signal));
        Assert.Equal(expected == SignalAction.Deliver ? 1 << signal : 0, s.TakePending());
        Assert.Equal(0, s.Pending);
    }

    [Fact]
    public void Signals_KillCannotBeCaughtAndExecResetsHandlers()
    {
        var s = new SignalState();

        Assert.Equal(Errno.EINVAL, s.Set(Signal.SIGKILL, SignalDisposition.Ignore, out _));
        Assert.Equal(Errno.EINVAL, s.Set(0, SignalDisposition.Ignore, out _));
        Assert.Equal(SignalAction.Terminate, s.Post(Signal.SIGKILL));
        s.Set(Signal.SIGTERM, SignalDisposition.Catch, out _);
        s.Set(Signal.SIGPIPE, SignalDisposition.Ignore, out _);
        var child = s.Clone();
        s.ResetForExec();

        Assert.Equal(SignalDisposition.Default, s.DispositionOf(Signal.SIGTERM));
        Assert.Equal(SignalDisposition.Ignore, s.DispositionOf(Signal.SIGPIPE));
        Assert.Equal(SignalDisposition.Catch, child.DispositionOf(Signal.SIGTERM));
    }

    [Fact]
    public void WaitStatus_ExitedAndSignaled_Decode()
    {
        Assert.True(WaitStatus.IfExited(WaitStatus.Exited(3)));
        Assert.Equal(3, WaitStatus.ExitStatus(WaitStatus.Exited(3)));
        Assert.True(WaitStatus.IfSignaled(WaitStatus.Signaled(Signal.SIGSEGV)));
        Assert.Equal(Signal.SIGSEGV, WaitStatus.TermSig(WaitStatus.Signaled(Signal.SIGSEGV)));
    }
}
