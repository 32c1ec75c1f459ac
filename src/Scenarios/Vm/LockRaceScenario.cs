using MachActors.Actors;
using MachActors.Scenarios.Monitors;

namespace MachActors.Scenarios.Vm;

/// <summary>
/// lock_request racing a write fault (spec R8): a task bumps a counter in one page of an external
/// pager's object <see cref="Writes"/> times while the pager (<see cref="LockingPager"/>) write-locks the
/// page on a timer with lock_request(WRITE, RETURN_DIRTY) and grants write again on each data_unlock.
/// Checks: no fault hangs (monitors), the pager sees its incarnation in order
/// (<see cref="IncarnationMonitor"/>), at every data_unlock it receives while the page is locked its copy
/// is the last completed write (nothing written before the lock is lost), and after the unmap the
/// pager's copy is the last write.
/// </summary>
public class LockRaceScenario : MachineScenario
{
    /// <summary>Counter values written.</summary>
    public const int Writes = 12;

    /// <summary>CPU cycles the writer computes between two writes.</summary>
    public const long ComputeCycles = 2_000;

    /// <inheritdoc />
    public override string Name => "vm-lock-race";

    /// <inheritdoc />
    public override string Description => "a pager's write-locking lock_request(RETURN_DIRTY) races a task's write faults and data_unlocks (R8)";

    /// <summary>The pager serving the object (a variant overrides it).</summary>
    protected virtual Props Pager(int pageSize, LockRaceProbe probe) => Props.Create(() => new LockingPager(pageSize, probe));

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Context.AddMonitor(new IncarnationMonitor());
        var probe = new LockRaceProbe();
        run.PublishMemoryObject(Pager(run.PageSize, probe));
        var size = run.PageSize;
        var finished = false;
        run.Start("writer", async env =>
        {
            var at = await MachineRun.MapMemoryObject(env, 1);
            if (at == 0) return;
            for (var k = 1; k <= Writes; k++)
            {
                probe.LastStarted = k;
                await env.Mem.Write(at, BitConverter.GetBytes(k));
                await env.Compute(ComputeCycles);
            }
            if (await env.VmDeallocate(env.TaskSelf, at, (ulong)size) != Kernel.KernReturn.Success) return;
            while (probe.Final is null) await env.Compute(ComputeCycles); // the data_return and terminate reach the pager
            finished = true;
        });
        return () =>
        {
            if (probe.Violation is { } wrong) return wrong;
            if (!finished) return "the writer did not finish";
            return probe.Final == Writes ? NoFault(run) : $"after the unmap the pager's copy holds write {probe.Final}, the last was {Writes}";
        };
    }
}
