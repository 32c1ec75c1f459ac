using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix;

/// <summary>EINTR, sigprocmask and nanosleep on whole machines: a caught signal interrupts a blocked call after its handler ran; an ignored one does not; a blocked one waits for its unblocking; SIGKILL cannot be blocked.</summary>
public sealed class SignalTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Read_BlockedOnEmptyPipeAndParentSendsCaughtSigterm_EintrAfterTheHandlerRan(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, readyR, readyW) = await u.Pipe();
            var (_, r, w) = await u.Pipe(); // init keeps the write end: the child's read blocks
            var (_, child) = await u.Fork(async c =>
            {
                await c.Signal(Signal.SIGTERM, (_, s) => { kit!.Log.Add($"handler {s}"); return Task.CompletedTask; });
                await c.Write(readyW, [0]);
                var (e, data) = await c.Read(r, 10);
                kit!.Log.Add($"read {e} {data.Length}");
                return 3;
            });
            await u.Read(readyR, 1);
            await u.Kill(child, Signal.SIGTERM);
            var (_, _, status) = await u.Wait();
            kit!.Log.Add($"exit {WaitStatus.ExitStatus(status)}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal([$"handler {Signal.SIGTERM}", "read EINTR 0", "exit 3"], kit.Log);
        kit.Machine.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Wait_BlockedAndCaughtSignalArrives_EintrThenTheChildIsStillThere(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, readyR, readyW) = await u.Pipe();
            var (_, child) = await u.Fork(async c =>
            {
                await c.Signal(Signal.SIGTERM, (_, _) => { kit!.Log.Add("handler"); return Task.CompletedTask; });
                var (_, never, _) = await c.Pipe();
                var (_, grandchild) = await c.Fork(async g => { await g.Read(never, 1); return 0; });
                await c.Write(readyW, [0]);
                var (e, _, _) = await c.Wait();
                kit!.Log.Add($"wait {e}");
                await c.Kill(grandchild, Signal.SIGKILL);
                var (e2, pid2, s2) = await c.Wait();
                kit.Log.Add($"then {e2} {pid2 == grandchild} {WaitStatus.TermSig(s2)}");
                return 0;
            });
            await u.Read(readyR, 1);
            await u.Kill(child, Signal.SIGTERM);
            await u.Wait();
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["handler", "wait EINTR", $"then None True {Signal.SIGKILL}"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Read_BlockedAndIgnoredSignalArrives_NotInterrupted(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, readyR, readyW) = await u.Pipe();
            var (_, r, w) = await u.Pipe();
            var (_, child) = await u.Fork(async c =>
            {
                await c.Sigaction(Signal.SIGTERM, SignalDisposition.Ignore);
                await c.Write(readyW, [0]);
                var (e, data) = await c.Read(r, 10);
                kit!.Log.Add($"read {e} {data.Length}");
                return 0;
            });
            await u.Read(readyR, 1);
            await u.Kill(child, Signal.SIGTERM);
            await u.Kill(child, Signal.SIGCHLD); // ignored by default
            await u.Sleep(Duration.FromMilliseconds(10));
            await u.Write(w, "xy");
            await u.Wait();
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["read None 2"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Write_BlockedAfterSomeBytesAndCaughtSignal_ReturnsTheCountThenAnEmptyOneEintr(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, r, w) = await u.Pipe();
            var (_, child) = await u.Fork(async c =>
            {
                await c.Signal(Signal.SIGTERM, (_, _) => Task.CompletedTask);
                var (e1, n1) = await c.Write(w, new byte[10_000]); // 4,096 fit, then it blocks
                var (e2, n2) = await c.Write(w, new byte[1]);       // the pipe is full: blocks with nothing written
                kit!.Log.Add($"{e1} {n1} {e2} {n2} {string.Join(',', c.Delivered)}");
                return 0;
            });
            for (var i = 0; i < 2; i++)
            {
                while ((await u.Fstat(r)).Stat!.Size < Pipe.DefaultCapacity) await u.Sleep(Duration.FromMilliseconds(1));
                await u.Sleep(Duration.FromMilliseconds(1)); // the writer is blocked by now (and is interrupted either way)
                await u.Kill(child, Signal.SIGTERM);
            }
            await u.Wait();
            kit!.Log.Add($"buffered {(await u.Fstat(r)).Stat!.Size}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal([$"None {Pipe.DefaultCapacity} EINTR 0 {Signal.SIGTERM},{Signal.SIGTERM}", $"buffered {Pipe.DefaultCapacity}"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Sigprocmask_CaughtSignalBlocked_StaysPendingUntilUnblockedThenTheHandlerRuns(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, readyR, readyW) = await u.Pipe();
            var (_, goR, goW) = await u.Pipe();
            var (_, child) = await u.Fork(async c =>
            {
                await c.Signal(Signal.SIGTERM, (_, _) => { kit!.Log.Add("handler"); return Task.CompletedTask; });
                var (e0, old) = await c.Sigprocmask(SigprocmaskHow.Block, 1 << Signal.SIGTERM);
                await c.Write(readyW, [0]);
                var (e, data) = await c.Read(goR, 1); // not interrupted: SIGTERM is blocked
                await c.Getpid();
                kit!.Log.Add($"read {e0} {old} {e} {data.Length} delivered {c.Delivered.Count}");
                var (e1, mask) = await c.Sigprocmask(SigprocmaskHow.Unblock, 1 << Signal.SIGTERM);
                kit.Log.Add($"unblocked {e1} {mask == 1 << Signal.SIGTERM}");
                return 0;
            });
            await u.Read(readyR, 1);
            await u.Kill(child, Signal.SIGTERM);
            await u.Write(goW, [1]);
            await u.Wait();
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["read None 0 None 1 delivered 0", "handler", "unblocked None True"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Sigprocmask_EverythingBlocked_SigtermWaitsSigkillStillKills(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, readyR, readyW) = await u.Pipe();
            var (_, never, _) = await u.Pipe();
            var (_, child) = await u.Fork(async c =>
            {
                await c.Sigprocmask(SigprocmaskHow.SetMask, -1);
                var (_, mask) = await c.Sigprocmask(SigprocmaskHow.Block, 0);
                kit!.Log.Add($"mask has SIGKILL {(mask & (1 << Signal.SIGKILL)) != 0} SIGTERM {(mask & (1 << Signal.SIGTERM)) != 0}");
                await c.Write(readyW, [0]);
                await c.Read(never, 1);
                kit.Log.Add("never");
                return 0;
            });
            await u.Read(readyR, 1);
            await u.Kill(child, Signal.SIGTERM); // blocked: pending, the child runs on
            await u.Sleep(Duration.FromMilliseconds(10));
            kit!.Log.Add($"alive {await u.Kill(child, 0)}");
            await u.Kill(child, Signal.SIGKILL);
            var (_, _, status) = await u.Wait();
            kit.Log.Add($"killed {WaitStatus.TermSig(status)}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["mask has SIGKILL False SIGTERM True", "alive None", $"killed {Signal.SIGKILL}"], kit.Log);
    }

    [Fact]
    public void Sigprocmask_BlockedDefaultSigtermUnblocked_TerminatesTheProcess()
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, child) = await u.Fork(async c =>
            {
                await c.Sigprocmask(SigprocmaskHow.Block, 1 << Signal.SIGTERM);
                var (_, me, _) = await c.Getpid();
                await c.Kill(me, Signal.SIGTERM);
                kit!.Log.Add("still here");
                await c.Sigprocmask(SigprocmaskHow.SetMask, 0);
                kit.Log.Add("never");
                return 0;
            });
            var (_, _, status) = await u.Wait();
            kit!.Log.Add($"status {WaitStatus.TermSig(status)}");
            kit.Log.Add($"bad how {(await u.Sigprocmask(7, 0)).Error}");
            return 0;
        });

        kit.Run();

        Assert.Equal(["still here", $"status {Signal.SIGTERM}", "bad how EINVAL"], kit.Log);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Nanosleep_CaughtSignalInterrupts_EintrWithTheTimeLeft(DispatcherKind kind)
    {
        UnixKit? kit = null;
        using var k = kit = new UnixKit(async (u, argv) =>
        {
            var (_, child) = await u.Fork(async c =>
            {
                await c.Signal(Signal.SIGTERM, (_, _) => { kit!.Log.Add("handler"); return Task.CompletedTask; });
                var (e, left) = await c.Nanosleep(Duration.FromSeconds(10));
                kit!.Log.Add($"sleep {e} {left > Duration.FromMilliseconds(8_500) && left < Duration.FromMilliseconds(9_500)}");
                return 0;
            });
            await u.Sleep(Duration.FromSeconds(1));
            await u.Kill(child, Signal.SIGTERM);
            await u.Wait();
            var start = u.Mach.Now;
            var (full, rest) = await u.Nanosleep(Duration.FromMilliseconds(500));
            var slept = u.Mach.Now - start;
            kit.Log.Add($"full {full} {rest} {slept >= Duration.FromMilliseconds(500) && slept < Duration.FromMilliseconds(510)}");
            kit.Log.Add($"negative {(await u.Nanosleep(Duration.FromNanoseconds(-1))).Error} zero {(await u.Nanosleep(Duration.Zero)).Error}");
            return 0;
        }, kind);

        kit.Run();

        Assert.Equal(["handler", "sleep EINTR True", $"full None {Duration.Zero} True", "negative EINVAL zero None"], kit.Log);
        Assert.True(kit.Machine.Sys.Now.SinceBoot < Duration.FromSeconds(3)); // the interrupted sleep did not run its 10 s
    }
}
