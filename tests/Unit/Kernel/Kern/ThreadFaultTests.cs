using MachActors.Hardware.Execution;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class ThreadFaultTests
{
    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Fault_OneThreadThrowsWithNoHandler_ItsTaskIsTerminatedWithAReportAndOtherTasksFinish(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var events = new TestProbe(kit.Sys, "faults");
        kit.Sys.EventStream.Subscribe(events.Ref, typeof(ThreadFaulted));
        var joined = new List<JoinResult>();
        var started = kit.Start(async env =>
        {
            var badPort = await env.CThreadFork(async e =>
            {
                await ComputeMs(e, 2);
                throw new InvalidOperationException("the program broke");
            }, "bad");
            var goodPort = await env.CThreadFork(async e => { await ComputeMs(e, 20); return "fine"; }, "good");
            joined.Add(await env.CThreadJoin(goodPort));
            joined.Add(await env.CThreadJoin(badPort));
        }, name: "faulty");
        var other = kit.Start(async env => { await ComputeMs(env, 30); kit.Log.Enqueue("other done"); }, name: "other");

        kit.RunToEnd();

        var fault = events.ExpectMsg<ThreadFaulted>();
        var bad = kit.Machine.Threads().Single(t => t.Thread.Name == "bad").Thread; // host code sees every thread
        var good = kit.Machine.Threads().Single(t => t.Thread.Name == "good").Thread;
        Assert.Equal(bad, fault.Thread);
        Assert.Equal(started.Task, fault.Task);
        Assert.Equal("the program broke", fault.Error!.Message);
        Assert.Equal(new MachException(ExceptionType.Software, ExceptionCodes.Threw, 0), fault.Exception);
        Assert.Equal([new ExceptionAttempt(ExceptionLevel.Thread, false, 0), new ExceptionAttempt(ExceptionLevel.Task, false, 0)], fault.Tried.ToList());
        Assert.True(fault.TaskTerminated);
        Assert.Contains("EXC_SOFTWARE code 1 subcode 0", fault.ToString());
        Assert.Contains("no exception server (thread port: none, task port: none), task terminated", fault.ToString());
        Assert.Empty(joined); // the whole task ended: nobody returned from a join
        Assert.Equal(bad, Assert.Single(kit.Machine.Status.Faults).Thread);
        Assert.Equal(ThreadRunState.Halted, kit.Info(bad!).State);
        Assert.Equal(ThreadRunState.Halted, kit.Info(good!).State);
        Assert.True(kit.Info(good!).CpuTime < Ms(20));
        Assert.Equal(KernReturn.InvalidArgument, kit.Call<TaskInfoReply>(started.Task!, new TaskInfo()).Result);
        Assert.Equal(["other done"], kit.Log);
        Assert.True(kit.Info(other.MainThread!).CpuTime >= Ms(30));
        kit.AssertNoActorFailures();
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    [InlineData(5UL)]
    [InlineData(6UL)]
    public void Fault_OnlyThreadThrows_StatusHasTheFaultWhenTheRunEnds(ulong seed)
    {
        using var kit = new MachineKit(cpus: 1, seed: seed);
        kit.Start(async env =>
        {
            await env.Compute(CyclesPerMs);
            throw new InvalidOperationException("alone");
        });

        kit.RunToEnd();

        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.Equal("alone", fault.Error!.Message);
        Assert.Equal(ExceptionType.Software, fault.Exception!.Value.Type);
    }

    [Fact]
    public void Fault_ProgramAwaitsTaskDelay_ThreadFaultsAndTheMachineGoesOn()
    {
        using var kit = new MachineKit(cpus: 1);
        var after = false;
        kit.Start(async env =>
        {
            await env.Compute(CyclesPerMs);
            await Task.Delay(TimeSpan.FromDays(1));
            after = true;
        }, name: "sleeper");
        var other = kit.Start(env => ComputeMs(env, 5), name: "other");

        kit.RunToEnd();

        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.IsType<ProgramFaultException>(fault.Error);
        Assert.Equal(new MachException(ExceptionType.BadInstruction, ExceptionCodes.IllegalTrap, 0), fault.Exception);
        Assert.Equal("sleeper", fault.Task.Name);
        Assert.False(after);
        Assert.True(kit.Info(other.MainThread!).CpuTime >= Ms(5));
        kit.AssertNoActorFailures();
    }

    [Fact]
    public void Fault_ProgramAwaitsTwoTrapsAtOnce_ThreadFaultsAndTheMachineGoesOn()
    {
        using var kit = new MachineKit(cpus: 1);
        kit.Start(async env =>
        {
            var first = Wrap(env.Compute(CyclesPerMs));
            var second = Wrap(env.Compute(CyclesPerMs));
            await Task.WhenAll(first, second);
        });

        kit.RunToEnd();

        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.Contains("two traps at once", fault.Error!.Message);
        Assert.Equal(ExceptionType.BadInstruction, fault.Exception!.Value.Type);
        kit.AssertNoActorFailures();

        static async Task Wrap(TrapAwaitable<KernReturn> trap) => await trap;
    }

    [Fact]
    public void StartTask_ProgramThrowsBeforeItsFirstTrap_FaultReported()
    {
        using var kit = new MachineKit(cpus: 1);
        kit.Programs.Register("broken", (_, _) => throw new NotSupportedException("at once"));

        var started = kit.Machine.StartTask("broken");
        kit.RunToEnd();

        Assert.Equal(KernReturn.Success, started.Result);
        var fault = Assert.Single(kit.Machine.Status.Faults);
        Assert.IsType<NotSupportedException>(fault.Error);
        Assert.True(fault.TaskTerminated);
    }
}
