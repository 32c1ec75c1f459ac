using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Pagers.Memory;
using MachActors.Scenarios.Monitors;

namespace MachActors.Scenarios.Vm;

/// <summary>
/// Terminate racing an in-flight data_request and its data_supply (spec R3/R4, I10/I11): a task maps
/// one page of an external pager's object into a child task whose thread writes a byte into it (a write
/// fault: data_request, answered <see cref="PagerLatency"/> later), while the task deallocates the
/// child's mapping (by address, in the child's map), the object's last reference, so the incarnation ends with the request outstanding
/// (its late supply arrives on a dead control port). The task then maps the object again (a fresh
/// init, which must wait for the terminate) and reads the page. Checks: no fault hangs (monitors), the
/// pager sees every incarnation's messages between its init and its terminate and the next init after
/// it (<see cref="IncarnationMonitor"/>), and the second mapping reads the pager's bytes with the
/// child's byte exactly when the child's write landed (it always has, when the child saw it complete);
/// the child's thread may take EXC_BAD_ACCESS (its page went away under it), nothing else faults.
/// </summary>
public class TerminateRaceScenario : MachineScenario
{
    /// <summary>The byte the child writes at offset 0.</summary>
    public const byte Written = 0xA5;

    /// <summary>CPU cycles between two looks of the remapping task at whether the child has mapped the object.</summary>
    public const long PollCycles = 200;

    /// <inheritdoc />
    public override bool AcceptsPager => true;

    /// <inheritdoc />
    public override string Name => "vm-terminate-race";

    /// <inheritdoc />
    public override string Description => "the last unmap terminates an object while a write fault's data_request is outstanding, then the object is mapped again (R3/R4)";

    /// <summary>
    /// How long the pager takes to answer a data_request. Default zero: the answer races the unmap in the
    /// same instant (the child's write lands first in about half the schedules). About 28 us instead: the
    /// write never lands, and the late supply arrives on the dead control port about when the object is
    /// mapped again.
    /// </summary>
    protected virtual Duration PagerLatency => Duration.Zero;

    /// <summary>The pager serving the object (a variant overrides it).</summary>
    protected virtual Props Pager(int pageSize) => Props.Create(() => new MemoryPager(pageSize, PagerLatency));

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Context.AddMonitor(new IncarnationMonitor());
        run.PublishMemoryObject(Pager(run.PageSize));
        var size = run.PageSize;
        var wrote = false;
        byte[]? seen = null;
        ulong childAt = 0;
        run.Start("remapper", async env =>
        {
            var (created, child) = await env.TaskCreate(env.TaskSelf, "child");
            if (created != KernReturn.Success) return;
            var (made, writer) = await env.ThreadCreate(child, async c =>
            {
                childAt = await MachineRun.MapMemoryObject(c, 1);
                if (childAt == 0) return null;
                await c.Mem.Write(childAt, [Written]);
                wrote = true;
                return null;
            }, "writer");
            if (made != KernReturn.Success || await env.ThreadResume(writer) != KernReturn.Success) return;
            while (childAt == 0 && run.Machine.Status.Faults.Count == 0) await env.Compute(PollCycles); // the child maps the object itself (vm_map names the memory object in the target task's space)
            if (childAt == 0 || await env.VmDeallocate(child, childAt, (ulong)size) != KernReturn.Success) return; // races the writer's fault
            var again = await MachineRun.MapMemoryObject(env, 1);
            if (again == 0) return;
            seen = await env.Mem.Read(again, size);
        });
        return () =>
        {
            if (seen is null) return "the remapping task did not finish (a mapping failed or its read faulted)";
            if (run.InitialPage(0) is not { } initial) return "the pager never answered a data_request for page 0";
            if (seen[0] != Written && (wrote || seen[0] != initial[0])) return $"the second mapping reads byte 0 as {seen[0]:x2}: {(wrote ? $"the child's completed write {Written:x2} is lost" : $"neither the pager's {initial[0]:x2} nor the child's {Written:x2}")}";
            var other = Enumerable.Range(1, size - 1).FirstOrDefault(i => seen[i] != initial[i]);
            if (other > 0) return $"the second mapping reads byte {other} as {seen[other]:x2}, the pager's is {initial[other]:x2}";
            return UnexpectedFaults(run, wrote ? 0 : 1);
        };
    }

    /// <summary>A check: at most <paramref name="allowed"/> threads faulted, each with EXC_BAD_ACCESS for an address that went away (MemoryError or InvalidAddress).</summary>
    protected static string? UnexpectedFaults(MachineRun run, int allowed)
    {
        ArgumentNullException.ThrowIfNull(run);
        var faults = run.Machine.Status.Faults;
        if (faults.Count > allowed) return $"{faults.Count} thread(s) faulted, {allowed} may: {faults[0]}";
        return faults.FirstOrDefault(f => f.Exception is not { Type: ExceptionType.BadAccess } e || (e.Code != (int)KernReturn.MemoryError && e.Code != (int)KernReturn.InvalidAddress)) is { } odd
            ? $"thread {odd.Thread.Id} faulted unexpectedly: {odd}"
            : null;
    }
}
