using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;

namespace MachActors.Tests.Unit.Kernel;

public class MachineSmokeTests
{
    private static int _counter;

    private static async Task CounterProgram(MachActors.Kernel.User.MachEnv env, IReadOnlyList<string> args)
    {
        var m = await env.MutexAlloc();
        var children = new List<MachActors.Kernel.Ipc.PortName>();
        for (var i = 0; i < 4; i++)
        {
            var n = i;
            children.Add(await env.CThreadFork(async e =>
            {
                for (var k = 0; k < 5; k++)
                {
                    await e.MutexLock(m);
                    var v = _counter;
                    await e.Compute(50_000);
                    _counter = v + 1;
                    await e.MutexUnlock(m);
                }
                return n;
            }, "worker" + i));
        }
        foreach (var c in children)
        {
            var r = await env.CThreadJoin(c);
            Assert.Equal(KernReturn.Success, r.Result);
        }
    }

    [Theory]
    [InlineData(DispatcherKind.Controlled)]
    [InlineData(DispatcherKind.Parallel)]
    public void Counter_FourThreadsTwoCpus_AllIncrementsKept(DispatcherKind kind)
    {
        _counter = 0;
        using var sys = ActorSystem.Create("m", new ActorSystemOptions { Dispatcher = kind, Seed = 3 });
        var programs = new ProgramRegistry().Register("counter", CounterProgram);
        var machine = Machine.Boot(sys, new MachineConfig { CpuCount = 2 }, programs);
        var started = machine.StartTask("counter");
        Assert.Equal(KernReturn.Success, started.Result);
        var r = machine.RunUntilThreadsEnd(Duration.FromSeconds(60));
        Assert.Equal(RunOutcome.ConditionMet, r.Outcome);
        Assert.Empty(machine.Status.Faults);
        Assert.Equal(20, _counter);
        var stats = machine.CpuStats();
        var elapsed = sys.Now.Nanoseconds;
        foreach (var s in stats) Assert.Equal(elapsed, s.Busy.Nanoseconds + s.Idle.Nanoseconds);
        var threads = machine.Threads();
        Assert.Equal(5, threads.Count);
        Assert.All(threads, t => Assert.Equal(ThreadRunState.Halted, t.State));
    }
}
