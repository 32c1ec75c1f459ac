using TerminateMessage = MachActors.Kernel.Vm.Terminate;
using MachActors.Hardware;

namespace MachActors.Kernel.Vm;

public sealed partial class VmObjectState
{
    /// <summary>
    /// Terminates the object (last reference gone and not cacheable, evicted from the cache, uncached by
    /// change_attributes, or destroyed; I10). At once: the incarnation's control port goes stale (later
    /// calls are ignored), faults waiting for readiness or a request slot resume with MemoryError, and
    /// waiting supplies and lock requests are dropped. When paging_in_progress is zero (else when it
    /// reaches zero, I13): placeholders (left by aborted faults too) are freed with their faults resumed
    /// with MemoryError; of a permanent object every dirty or precious page goes to the pager with
    /// data_return (kernel_copy false); every frame is freed; then terminate, the incarnation's last
    /// message (none after pager death). A <see cref="Bind"/> waiting meanwhile then sends its init
    /// (I11). Returns Failure when the object is not active.
    /// </summary>
    public KernReturn Terminate()
    {
        if (Life != VmObjectLife.Active) return KernReturn.Failure;
        Life = VmObjectLife.Terminating;
        RetireControl();
        WakeReadyWaiters(Failed(0));
        WakeAll(_absentWaiters, Failed(0));
        _deferred.Clear();
        CheckTerminationReady();
        return KernReturn.Success;
    }

    private void CheckTerminationReady()
    {
        if (Life != VmObjectLife.Terminating || PagingInProgress > 0) return;
        var returns = !Internal && CopyStrategy != VmCopyStrategy.Temporary && Binding is VmPagerBinding.Ready or VmPagerBinding.InitSent;
        var firstEffect = _effects.Count;
        foreach (var page in _pages.Values.ToList())
        {
            if (page.RequestSeqno is not null) EndRequest(page);
            WakeAll(page.BusyWaiters, Failed(page.Offset));
            WakeAll(page.UnlockWaiters, Failed(page.Offset));
            if (!page.Absent && (page.Dirty || page.Precious))
            {
                if (returns)
                {
                    var data = _frames.Read(page.Frame!.Value);
                    var dirty = page.Dirty;
                    var control = Control!.Value;
                    var offset = page.Offset;
                    Emit(Pager!, s => new DataReturn(s, control, offset, data, dirty, false));
                    Counts.Returns++;
                }
                else if (!Internal && CopyStrategy != VmCopyStrategy.Temporary)
                {
                    Counts.Discarded++;
                }
            }
            RemovePage(page);
        }
        AbsentCount = 0;
        _absentWaiters.Clear();
        if (Pager is { } pager && Control is { } ended && Binding is VmPagerBinding.Ready or VmPagerBinding.InitSent)
        {
            var name = Name;
            Emit(pager, s => new TerminateMessage(s, ended, name));
            if ((SeededBugs & SeededBugs.TerminateBeforeReturns) != 0) MoveLastEffectTo(firstEffect); // the seeded bug: tests only
        }
        Life = VmObjectLife.Terminated;
        Binding = VmPagerBinding.None;
        Pager = null;
        if (_pendingBind is { } next)
        {
            _pendingBind = null;
            Bind(next.Pager, next.Control);
        }
    }

    /// <summary>
    /// The pager's port died with the object bound (R11, vm_object_destroy / abort activity): the control
    /// port goes stale, placeholders are freed and pending unlocks cleared, and every waiting fault
    /// resumes with MemoryError; later faults on non-resident pages fail the same way. Resident dirty
    /// pages can no longer be written back and are discarded at termination. Returns InvalidArgument when
    /// no live pager is bound.
    /// </summary>
    public KernReturn PagerDied()
    {
        if (Binding is VmPagerBinding.None or VmPagerBinding.Dead || Pager is null) return KernReturn.InvalidArgument;
        RetireControl();
        Binding = VmPagerBinding.Dead;
        _deferred.Clear();
        foreach (var page in _pages.Values.ToList())
        {
            ClearUnlock(page);
            WakeAll(page.UnlockWaiters, Failed(page.Offset));
            if (!page.Absent) continue;
            EndRequest(page);
            WakeAll(page.BusyWaiters, Failed(page.Offset));
            RemovePage(page);
        }
        WakeReadyWaiters(Failed(0));
        WakeAll(_absentWaiters, Failed(0));
        return KernReturn.Success;
    }

    /// <summary>Test-only (<see cref="SeededBugs.TerminateBeforeReturns"/>): the last effect goes out before the one at <paramref name="index"/>.</summary>
    private void MoveLastEffectTo(int index)
    {
        var last = _effects[^1];
        _effects.RemoveAt(_effects.Count - 1);
        _effects.Insert(index, last);
    }
}
