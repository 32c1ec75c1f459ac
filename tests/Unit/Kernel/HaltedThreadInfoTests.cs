using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;

namespace MachActors.Tests.Unit.Kernel;

/// <summary>thread_info of an ended thread keeps what the thread was: priorities, policy, dispatches.</summary>
public class HaltedThreadInfoTests
{
    [Fact]
    public void EndedThread_ReportsItsLastPrioritiesPolicyAndDispatches()
    {
        using var sys = ActorSystem.Create("m", new ActorSystemOptions { Seed = 1 });
        var programs = new ProgramRegistry().Register("p", async (env, args) =>
        {
            var child = await env.CThreadFork(async e =>
            {
                await e.Compute(10_000);
                await e.Yield();
                await e.Compute(10_000);
                return null;
            }, "child");
            Assert.Equal(KernReturn.Success, await env.ThreadPolicy(child, SchedPolicy.FixedPriority, 50));
            Assert.Equal(KernReturn.Success, await env.ThreadPriority(child, 9));
            await env.CThreadJoin(child);
        });
        var machine = Machine.Boot(sys, new MachineConfig { CpuCount = 1 }, programs);
        machine.StartTask("p");
        Assert.Equal(RunOutcome.ConditionMet, machine.RunUntilThreadsEnd(Duration.FromSeconds(5)).Outcome);

        var child = Assert.Single(machine.Threads(), t => t.Thread.Name == "child");
        Assert.Equal(ThreadRunState.Halted, child.State);
        Assert.Equal(9, child.BasePriority);
        Assert.Equal(9, child.SchedPriority);
        Assert.Equal(SchedPolicy.FixedPriority, child.Policy);
        Assert.True(child.Dispatches >= 2, $"dispatches {child.Dispatches}");
        Assert.True(child.CpuTime > Duration.Zero);
        Assert.Null(child.Waiting);
    }
}
