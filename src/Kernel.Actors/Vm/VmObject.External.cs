using MachActors.Actors;

namespace MachActors.Kernel.Vm;

public sealed partial class VmObject
{
    private bool _pagerDead;
    private bool _deathHeld;

    /// <summary>A shadow tells its backing object it exists (VmObject.Collapse). An external object binds to its pager at once (init; faults wait for ready, I3) and watches it (R11). Its first reference is the vm_map that made it.</summary>
    protected override void PreStart()
    {
        AttachToBacking();
        if (_external is not { } external) return;
        Context.Watch(external.Pager);
        _state.AddReference();
        _state.Bind(external.Pager, new ControlIncarnation(Self, ++_nextIncarnation));
        CarryOut();
    }

    /// <summary>
    /// Terminated of the pager: the pager died (R11); waiting faults take a memory error, later misses
    /// too. Calls the pager sent before it died are taken first: while a supply is being staged (or calls
    /// wait behind it) the death waits for them. The memory object's port is gone with it (the resident memory forgets it), so no new reference
    /// can come: with none left the object ends now (its frames freed, the actor stopped), else at its
    /// last release. False for other messages.
    /// </summary>
    private bool OnExternalMessage(object message)
    {
        if (message is not Terminated t || _external is null || !t.ActorRef.Equals(_external.Pager)) return false;
        if (_staging is not null || _heldControl.Count > 0)
        {
            _deathHeld = true; // calls the pager made before it died go first (a supply being staged fills its pages)
            return true;
        }
        PagerGone();
        return true;
    }

    /// <summary>A pager death held behind the pager's calls before it (<see cref="OnExternalMessage"/>) is taken once they are done.</summary>
    private void TakeHeldDeath()
    {
        if (!_deathHeld || _staging is not null || _heldControl.Count > 0) return;
        _deathHeld = false;
        PagerGone();
    }

    private void PagerGone()
    {
        _pagerDead = true;
        _state.PagerDied();
        CarryOut();
        if (_references == 0) Release();
    }

    /// <summary>One more reference; the first after the incarnation ended (or while it ends) starts a fresh one: init after terminate (I11).</summary>
    private void ExternalReferenced()
    {
        _references++;
        _state.AddReference();
        if (_references == 1 && _state.Life != VmObjectLife.Active && !_pagerDead)
        {
            _state.Bind(_external!.Pager, new ControlIncarnation(Self, ++_nextIncarnation));
            CarryOut();
        }
    }

    /// <summary>
    /// A reference is gone. At the last: a may_cache object stays as it is (a later vm_map finds it with
    /// its pages); otherwise the incarnation ends (I10): the bytes and modify bits of the resident pages
    /// are fetched (no mapping is left), dirty and precious pages go back with data_return, every frame
    /// is freed, then terminate. The actor stays: it is the memory object's one VM object (unless its
    /// pager is dead: then it ends).
    /// </summary>
    private void ExternalReleased()
    {
        if (_references == 0) return; // not expected: more releases than references
        _references--;
        if (_references > 0 || _state.MayCache || _pagerDead || _state.Life != VmObjectLife.Active)
        {
            _state.RemoveReference();
            CarryOut();
            if (_references == 0 && _pagerDead) Release(); // nothing can map it again: the object ends
            return;
        }
        Quiesce(ResidentPages(_ => true), unmap: false, () =>
        {
            _state.RemoveReference();
            CarryOut();
        });
    }
}
