using MachActors.Hardware.Execution;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using static MachActors.Tests.Unit.Kernel.MachineKit;

namespace MachActors.Tests.Unit.Kernel.Kern;

public sealed class ThreadFaultTests
{
    [Theory]
    [MemberData(nameof(Dispatchers), MemberType = typeof(MachineKit))]
    public void Fault_OneThreadThrows_ItEndsWithAReportAndTheOthersFinish(DispatcherKind kind)
    {
        using var kit = new MachineKit(cpus: 2, kind);
        var events = new TestProbe(kit.Sys, "faults");
        kit.Sys.EventStream.Subscribe(events.Ref, typeof(ThreadFaulted));
        ThreadHandle? bad = null;
        var joined = new List<JoinResult>();
        var started = kit.Start(async env =>
        {
            bad = await env.CThreadFork(async e =>
            {
                await ComputeMs(e, 2);
                throw new InvalidOperationException("the program broke");
            }, "bad");
            var good = await env.CThreadFork(async e => { await ComputeMs(e, 20); return "fine"; }, "good");
            joined.Add(await env.CThreadJoin(good));
            joined.Add(await env.CThreadJoin(bad));
        });

        kit.RunToEnd();

        var fault = events.ExpectMsg<ThreadFaulted>();
        Assert.Equal(bad, fault.Thread);
        Assert.Equal(started.Task, fault.Task);
        Assert.Equal("the program broke", fault.Error.Message);
        Assert.Contains("faulted", fault.ToString());
        Assert.Equal([new JoinResult(KernReturn.Success, "fine"), new JoinResult(KernReturn.Success, null)], joined);
        Assert.Equal(bad, Assert.Single(kit.Machine.Status.Faults).Thread);
        Assert.Equal(ThreadRunState.Halted, kit.Info(bad!).State);
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

        Assert.Equal("alone", Assert.Single(kit.Machine.Status.Faults).Error.Message);
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

        Assert.Contains("two traps at once", Assert.Single(kit.Machine.Status.Faults).Error.Message);
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
        Assert.IsType<NotSupportedException>(Assert.Single(kit.Machine.Status.Faults).Error);
    }
}
