using MachActors.Kernel.Vm;
using MachActors.Scenarios.Vm;

namespace MachActors.Tests.Coyote.SeededPagers;

/// <summary>
/// The seeded bug (spec R8, on the pager's side): a <see cref="LockingPager"/> that asks for dirty pages
/// back (RETURN_DIRTY) only when it granted write since its last lock, as if the page could change only
/// after a data_unlock. A page supplied writable, because the writer's first fault came before the
/// pager's first lock, is written without a grant; that lock then returns nothing and the writes before
/// it are missing from the pager's copy (seen at the next data_unlock).
/// </summary>
public sealed class ForgetfulLockPager(int pageSize, LockRaceProbe probe) : LockingPager(pageSize, probe)
{
    private bool _granted;

    /// <summary>The write-lock, RETURN_DIRTY only after a grant (the bug).</summary>
    protected override LockRequest WriteLock(ControlIncarnation control)
    {
        var policy = _granted ? LockReturnPolicy.Dirty : LockReturnPolicy.None;
        _granted = false;
        return new(control, 0, PageSize, policy, false, VmProt.Write, Self);
    }

    /// <summary>data_unlock: remembered as a grant, then as the correct pager.</summary>
    protected override void OnDataUnlock(DataUnlock unlock)
    {
        _granted = true;
        base.OnDataUnlock(unlock);
    }
}
