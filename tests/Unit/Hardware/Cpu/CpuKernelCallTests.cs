using MachActors.Hardware.Cpu;
using MachActors.Hardware.Execution;

namespace MachActors.Tests.Unit.Hardware.Cpu;

public sealed class CpuKernelCallTests : CpuTestBase
{
    private ThreadExecution Calling(List<object?> replies, int calls = 1, long id = 1) =>
        ExecutionKit.Of(async x =>
        {
            for (var i = 0; i < calls; i++) replies.Add(await x.Call<object?>(Server.Ref, "req" + i));
            await x.Compute(CyclesPerMs);
        }, id);

    [Fact]
    public void KernelCall_Trap_GoesToTheServerAsAKernelCall()
    {
        var cpu = SpawnCpu();
        var thread = Calling([]);

        cpu.Tell(new RunThread(thread));

        var call = Server.ExpectMsg<KernelCall>();
        Assert.Equal("req0", call.Request);
        Assert.Equal(thread.ThreadId, call.ThreadId);
        Assert.Equal(Scheduler.Ref, call.Scheduler);
        Assert.Equal(cpu, Server.LastSender);
    }

    [Fact]
    public void KernelCallReply_ToTheCall_ResumesTheProgramWithTheResultAfterTheTrapCost()
    {
        var replies = new List<object?>();
        var cpu = SpawnCpu();
        var thread = Calling(replies);
        cpu.Tell(new RunThread(thread));
        var call = Server.ExpectMsg<KernelCall>();

        Server.Reply(new KernelCallReply(call.CallId, "answer"));

        ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(["answer"], replies);
        Assert.Equal(At(TrapTime + Ms(1)), Now);
    }

    [Fact]
    public void KernelCallReply_StaleCallId_IsIgnored()
    {
        var replies = new List<object?>();
        var cpu = SpawnCpu();
        var thread = Calling(replies);
        cpu.Tell(new RunThread(thread));
        var call = Server.ExpectMsg<KernelCall>();

        Server.Reply(new KernelCallReply(call.CallId + 100, "stale"));
        Server.Reply(new KernelCallBlocked(call.CallId - 1, "stale wait"));

        Scheduler.ExpectNoMsg(Ms(5));
        Assert.Empty(replies);
        Server.Reply(new KernelCallReply(call.CallId, "fresh"));
        ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(["fresh"], replies);
    }

    [Fact]
    public void KernelCallReply_AfterTheThreadLeft_IsIgnored()
    {
        var replies = new List<object?>();
        var cpu = SpawnCpu();
        var first = Calling(replies, id: 1);
        cpu.Tell(new RunThread(first));
        var call = Server.ExpectMsg<KernelCall>();
        Server.Reply(new KernelCallBlocked(call.CallId, "wait"));
        ExpectSurrender<SurrenderReason.Blocked>(first);
        var second = Computing(2 * CyclesPerMs, id: 2);
        cpu.Tell(new RunThread(second));

        Server.Reply(new KernelCallReply(call.CallId, "late"));

        ExpectSurrender<SurrenderReason.Exited>(second);
        Assert.Equal(At(Ms(2)), Now);
        Assert.Empty(replies);
        Assert.Equal(0, Sys.FailureCount);
    }

    [Fact]
    public void KernelCallBlocked_ToTheCall_SurrendersBlockedOnTheChannel()
    {
        var cpu = SpawnCpu();
        var thread = Calling([]);
        cpu.Tell(new RunThread(thread));
        var call = Server.ExpectMsg<KernelCall>();

        Server.Reply(new KernelCallBlocked(call.CallId, "the channel"));

        var (_, blocked) = ExpectSurrender<SurrenderReason.Blocked>(thread);
        Assert.Equal("the channel", blocked.Channel);
        Assert.Equal(Config.TrapCycles, thread.RemainingCycles);
        Assert.False(thread.IsDead);
    }

    [Fact]
    public void RunThread_AfterABlockedCallIsWoken_ProgramGetsTheWakeupResult()
    {
        var replies = new List<object?>();
        var cpu = SpawnCpu();
        var thread = Calling(replies);
        cpu.Tell(new RunThread(thread));
        Server.Reply(new KernelCallBlocked(Server.ExpectMsg<KernelCall>().CallId, "wait"));
        ExpectSurrender<SurrenderReason.Blocked>(thread);
        Sys.RunFor(Ms(2));

        thread.SetResult("woken"); // what the scheduler does on a wakeup
        cpu.Tell(new RunThread(thread));

        ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(["woken"], replies);
        Assert.Equal(At(Ms(2) + TrapTime + Ms(1)), Now);
    }

    [Fact]
    public void Preempt_DuringAKernelCall_WaitsForTheReply()
    {
        var replies = new List<object?>();
        var cpu = SpawnCpu();
        var thread = Calling(replies);
        cpu.Tell(new RunThread(thread));
        var call = Server.ExpectMsg<KernelCall>();

        cpu.Tell(new PreemptThread(thread.ThreadId, SurrenderReason.Suspended.Instance));

        Scheduler.ExpectNoMsg(Ms(3));
        Server.Reply(new KernelCallReply(call.CallId, "r"));
        var (s, _) = ExpectSurrender<SurrenderReason.Suspended>(thread);
        Assert.Equal(At(Ms(3)), Now);
        Assert.Equal(Ms(3), s.Ran);
        Assert.Equal(Config.TrapCycles, thread.RemainingCycles);
        Assert.Empty(replies); // the program goes on only when it runs again
    }

    [Fact]
    public void RunThread_PreemptedAtTheReply_ResumesWithTheReplyAfterTheTrapCost()
    {
        var replies = new List<object?>();
        var cpu = SpawnCpu();
        var thread = Calling(replies);
        cpu.Tell(new RunThread(thread));
        var call = Server.ExpectMsg<KernelCall>();
        cpu.Tell(new PreemptThread(thread.ThreadId, SurrenderReason.Preempted.Instance));
        Server.Reply(new KernelCallReply(call.CallId, "r"));
        ExpectSurrender<SurrenderReason.Preempted>(thread);

        cpu.Tell(new RunThread(thread));

        ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.Equal(["r"], replies);
        Assert.Equal(At(TrapTime + Ms(1)), Now);
    }

    [Fact]
    public void Preempt_DuringAKernelCallThatBlocks_SurrendersBlocked()
    {
        var cpu = SpawnCpu();
        var thread = Calling([]);
        cpu.Tell(new RunThread(thread));
        var call = Server.ExpectMsg<KernelCall>();
        cpu.Tell(new PreemptThread(thread.ThreadId, SurrenderReason.Preempted.Instance));

        Server.Reply(new KernelCallBlocked(call.CallId, "w"));

        ExpectSurrender<SurrenderReason.Blocked>(thread);
        Scheduler.ExpectNoMsg(Ms(1));
    }

    [Fact]
    public void KernelCall_Consecutive_EachGetsItsOwnCallId()
    {
        var replies = new List<object?>();
        var cpu = SpawnCpu();
        var thread = Calling(replies, calls: 2);
        cpu.Tell(new RunThread(thread));

        var first = Server.ExpectMsg<KernelCall>();
        Server.Reply(new KernelCallReply(first.CallId, 1));
        var second = Server.ExpectMsg<KernelCall>();
        Server.Reply(new KernelCallReply(first.CallId, "replayed")); // stale
        Server.Reply(new KernelCallReply(second.CallId, 2));

        ExpectSurrender<SurrenderReason.Exited>(thread);
        Assert.NotEqual(first.CallId, second.CallId);
        Assert.Equal([1, 2], replies);
        Assert.Equal(At(TrapTime + TrapTime + Ms(1)), Now);
    }

    [Fact]
    public void GetCpuStats_ThreadInAKernelCall_CountsItAsBusy()
    {
        var cpu = SpawnCpu();
        var thread = Calling([]);
        cpu.Tell(new RunThread(thread));
        Server.ExpectMsg<KernelCall>();
        Sys.RunFor(Ms(2));

        var stats = Stats(cpu);

        Assert.Equal(Ms(2), stats.Busy);
        Assert.Equal(thread.ThreadId, stats.CurrentThread);
        Assert.Equal(1, stats.Traps);
    }
}
