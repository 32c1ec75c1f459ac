using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;

namespace MachActors.Tests.Unit.Kernel;

/// <summary>thread_policy's fixed-priority quantum is the one asked for, in whole ticks (as Mach's thread_policy).</summary>
public class FixedQuantumTests
{
    /// <summary>Two fixed-priority threads of equal priority on one CPU, each computing 100 ms in one trap.</summary>
    private static IReadOnlyList<ThreadBasicInfo> RunTwo(int quantumMs)
    {
        using var sys = ActorSystem.Create("m", new ActorSystemOptions { Seed = 2 });
        var programs = new ProgramRegistry().Register("p", async (env, args) =>
        {
            // The main thread outranks both, so that both are queued before either runs.
            Assert.Equal(KernReturn.Success, await env.ThreadPriority(env.ThreadSelf, 7));
            var threads = new List<MachActors.Kernel.Ipc.PortName>();
            for (var i = 0; i < 2; i++)
            {
                var (_, t) = await env.ThreadCreate(env.TaskSelf, async e => { await e.Compute(e.Machine.ClockHz / 10); return null; }, "f" + i);
                Assert.Equal(KernReturn.Success, await env.ThreadPolicy(t, SchedPolicy.FixedPriority, quantumMs));
                Assert.Equal(KernReturn.Success, await env.ThreadPriority(t, 8));
                threads.Add(t);
            }
            foreach (var t in threads) Assert.Equal(KernReturn.Success, await env.ThreadResume(t));
            foreach (var t in threads) await env.CThreadJoin(t);
        });
        var machine = Machine.Boot(sys, new MachineConfig { CpuCount = 1 }, programs);
        machine.StartTask("p");
        Assert.Equal(RunOutcome.ConditionMet, machine.RunUntilThreadsEnd(Duration.FromSeconds(5)).Outcome);
        return machine.Threads().Where(t => t.Thread.Name.StartsWith('f')).ToList();
    }

    [Fact]
    public void FixedPriority_20msQuantum_AlternatesEveryTwoTicks()
    {
        var threads = RunTwo(20);

        // 100 ms each in 20 ms quanta: about five turns each (the first turn may be shorter).
        Assert.All(threads, t => Assert.InRange(t.Dispatches, 5, 6));
    }

    [Fact]
    public void FixedPriority_ZeroQuantum_UsesTheMinimumQuantum()
    {
        var threads = RunTwo(0);

        // The minimum quantum is hz/10 = 100 ms: each thread needs one or two turns.
        Assert.All(threads, t => Assert.InRange(t.Dispatches, 1, 2));
    }
}
