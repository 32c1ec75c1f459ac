using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel.Direct;

/// <summary>
/// (a) and (b) on the scheduler itself (ProcessorSetScheduler, no actors): generated scripts of
/// thread creation, clock ticks, preemptions delivered late, yields, handoffs, blocking and wakeups
/// (also early and stale ones), exits, suspends and resumes of threads and tasks, priority, policy
/// and binding changes and terminations, on 1-4 CPUs, with and without affinity. Every dispatch is
/// checked against the scheduler's own queues as it happens (<see cref="SchedulerHarness"/>).
/// </summary>
public class SchedulerProperties
{
    /// <summary>Runs a script; the violations it produced.</summary>
    internal static SchedulerHarness Run(SchedScript script)
    {
        var harness = new SchedulerHarness(script.Cpus, script.Affinity);
        for (var i = 0; i < script.Ops.Length; i++) harness.Apply(script.Ops[i], i);
        return harness;
    }

    [Fact] // 3000 scripts of up to 84 events (about 2 s)
    public void A_B_EveryDispatchMatchesTheSchedulersQueues() =>
        PropCheck.Check(Prop.ForAll(SchedScript.Arbitrary, script =>
            KernelChecks.AssertNone(Run(script).Violations, script)), maxTest: 3000);
}
