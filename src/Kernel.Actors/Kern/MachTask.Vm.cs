using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware.Memory;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The task's address space: its <see cref="VmMap"/> and <see cref="Pmap"/> (pmap id = the task's id),
/// the vm_* calls, the fault path (pmap -> map entry -> object actor -> pmap entry, the thread
/// blocked meanwhile) and TLB shootdowns (a call that removes or narrows mappings answers only after
/// every CPU that may cache them acknowledged; only then are objects released and their frames freed).
/// </summary>
public sealed partial class MachTask
{
    /// <summary>How long a fault waits for a pager before it fails (rule 4).</summary>
    private static readonly Duration PagerTimeout = Duration.FromSeconds(30);

    private readonly ShootdownTracker _shootdowns = new();
    private readonly Dictionary<int, IActorRef> _cpus = [];
    private readonly Dictionary<long, IActorRef> _objects = [];
    private readonly Dictionary<long, PendingFault> _faults = [];
    private readonly Dictionary<long, PendingShootdown> _awaitingAcks = [];
    private VmMap? _map;
    private Pmap? _pmap;
    private long _nextFault, _nextObject;

    private VmMap Map => _map ??= VmMap.ForTask(_services.Config, () => (Self.Id.Value << 24) + ++_nextObject);

    private Pmap Pmap => _pmap ??= new Pmap(Self.Id.Value);

    private int PageSize => _services.Config.PageSize;

    /// <summary>
    /// The address-space calls. VmAllocate, VmInheritCall, VmRegionCall: answered at once.
    /// VmDeallocate, VmProtect: answered after the shootdown of what they removed or narrowed.
    /// MemoryFault (from a CPU): a translation at once when the pmap has one allowing the access;
    /// BadAccess for an unmapped address (KERN_INVALID_ADDRESS) or an access above the entry's
    /// protection (KERN_PROTECTION_FAILURE); otherwise the thread blocks until the object has the page
    /// and is woken with Retry. False for other calls.
    /// </summary>
    private bool OnVmCall(object request, CallerReply reply)
    {
        switch (request)
        {
            case VmAllocate a:
                var code = Map.Allocate(a.Address, a.Size, a.Anywhere, out var at);
                reply.Send(new VmAllocated(code, at), Self);
                ApplyMapEffects(code, null);
                return true;
            case VmDeallocate d:
                ApplyMapEffects(Map.Deallocate(d.Address, d.Size), reply);
                return true;
            case VmProtect p:
                ApplyMapEffects(Map.Protect(p.Address, p.Size, p.SetMaximum, p.Protection), reply);
                return true;
            case VmInheritCall i:
                reply.Send(Map.Inherit(i.Address, i.Size, i.Inheritance), Self);
                return true;
            case VmRegionCall r:
                var found = Map.Region(r.Address, out var region);
                reply.Send(new VmRegionReply(found, region), Self);
                return true;
            case MemoryFault f:
                Fault(f, reply);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// ObjectFaultAnswer: a blocked fault goes on. RemoveFrameMappings (an object evicting a page): every
    /// pmap entry of the frame goes, with a shootdown; FrameMappingsRemoved answers after the last ack.
    /// TlbShootdownAck: a waiting call may complete. False for other messages.
    /// </summary>
    private bool OnVmMessage(object message)
    {
        switch (message)
        {
            case ObjectFaultAnswer a when _faults.Remove(a.FaultId, out var fault):
                Answered(fault, a.Answer);
                return true;
            case ObjectFaultAnswer:
                return true; // a fault forgotten (its task ended): stale
            case RemoveFrameMappings r:
                var removed = Pmap.RemoveFrame(ResidentMemory.ToFrame(r.Frame)).Changes.ToList();
                Shootdown(new PendingShootdown(KernReturn.Success, null, [], (Sender, new FrameMappingsRemoved(r.Token))), removed);
                return true;
            case TlbShootdownAck ack:
                var outcome = _shootdowns.Acknowledge(ack.Cpu, ack.Token);
                if (outcome.State == ShootdownState.Completed && _awaitingAcks.Remove(ack.Token, out var pending)) Complete(pending);
                return true;
            default:
                return false;
        }
    }

    private void Fault(MemoryFault f, CallerReply reply)
    {
        var access = (VmProt)f.Access;
        if (f.PmapId != Pmap.Id || f.Page < 0 || reply.CallId is null)
        {
            reply.Send(MemoryTrapResult.Bad((int)KernReturn.InvalidAddress), Self);
            return;
        }
        _cpus[f.Cpu] = reply.Target;
        if (Pmap.Lookup(f.Page, out var mapped) && (mapped.Protection & access) == access)
        {
            Pmap.NoteCached(f.Page, f.Cpu);
            _shootdowns.NoteCached(Pmap.Id, f.Cpu);
            reply.Send(new MemoryTranslation(f.Page, mapped.Frame, (PageAccess)mapped.Protection), Self);
            return;
        }
        var address = (ulong)f.Page * (ulong)PageSize;
        var found = Map.Materialize(address, out var entry);
        ApplyMapEffects(found, null);
        if (found != KernReturn.Success || entry is null)
        {
            reply.Send(MemoryTrapResult.Bad((int)KernReturn.InvalidAddress), Self);
            return;
        }
        if ((entry.Protection & access) != access)
        {
            reply.Send(MemoryTrapResult.Bad((int)KernReturn.ProtectionFailure), Self);
            return;
        }
        var channel = new WaitChannel(Self, $"page fault at 0x{address:x}");
        var id = ++_nextFault;
        var fault = new PendingFault(reply, channel, f.Page, access, entry.Object!.Id);
        _faults[id] = fault;
        reply.Block(channel, Self);
        _services.Status.VmFault();
        _objects[fault.ObjectId].Tell(new ObjectFault(id, (long)(entry.Offset + (address - entry.Start)), access), Self);
    }

    private void Answered(PendingFault fault, VmFaultAnswer answer)
    {
        var address = (ulong)fault.Page * (ulong)PageSize;
        switch (answer.Outcome)
        {
            case VmFaultOutcome.Resident when answer.Frame is { } frame:
                // The map may have changed while the thread waited: enter only what it still maps.
                if (!_terminated && Map.Lookup(address, out var entry) && entry.Object?.Id == fault.ObjectId
                    && (long)(entry.Offset + (address - entry.Start)) == answer.Offset)
                {
                    Pmap.Enter(fault.Page, ResidentMemory.ToFrame(frame), entry.Protection);
                }
                fault.Reply.Wake(fault.Channel, MemoryTrapResult.Retry, Self);
                return;
            case VmFaultOutcome.Retry:
                fault.Reply.Wake(fault.Channel, MemoryTrapResult.Retry, Self);
                return;
            default:
                var code = answer.Error == KernReturn.Success ? KernReturn.MemoryError : answer.Error;
                fault.Reply.Wake(fault.Channel, MemoryTrapResult.Bad((int)code), Self);
                return;
        }
    }

    /// <summary>
    /// Carries out the map's effects: objects created get their actors; pmap removals and downgrades
    /// are shot down; released objects are told only when the shootdown completed, and so is
    /// <paramref name="reply"/> (with <paramref name="code"/>) when given.
    /// </summary>
    private void ApplyMapEffects(KernReturn code, CallerReply? reply)
    {
        var releases = new List<IActorRef>();
        var changes = new List<PmapChange>();
        foreach (var effect in Map.TakeEffects())
        {
            switch (effect)
            {
                case VmMapEffect.ObjectCreated c:
                    _objects[c.Object.Id] = Context.Spawn(Props.Create(() => new VmObject(c.Object.Id, PageSize, _services.Memory, PagerTimeout, _services.DefaultPager)));
                    break;
                case VmMapEffect.ObjectReleased r when _objects.Remove(r.Object.Id, out var obj):
                    releases.Add(obj);
                    break;
                case VmMapEffect.PmapRemove r:
                    changes.AddRange(Pmap.Remove(PageOf(r.Start), PageOf(r.End - 1) - PageOf(r.Start) + 1).Changes);
                    break;
                case VmMapEffect.PmapProtect p:
                    changes.AddRange(Pmap.Protect(PageOf(p.Start), PageOf(p.End - 1) - PageOf(p.Start) + 1, p.Protection).Changes);
                    break;
            }
        }
        Shootdown(new PendingShootdown(code, reply, releases), changes);
    }

    /// <summary>Starts one shootdown covering <paramref name="changes"/> on every CPU that may cache them; completes at once when none does.</summary>
    private void Shootdown(PendingShootdown pending, List<PmapChange> changes)
    {
        var cpus = changes.Aggregate(0UL, (mask, c) => mask | c.Cpus);
        if (cpus == 0)
        {
            Complete(pending);
            return;
        }
        var first = changes.Min(c => c.Page);
        var outcome = _shootdowns.Begin(Pmap.Id, first, changes.Max(c => c.Page) - first + 1, cpus);
        _awaitingAcks[outcome.Request!.Token] = pending;
        for (var cpu = 0; cpu < ShootdownTracker.MaxCpus; cpu++)
        {
            if ((outcome.WaitingFor & (1UL << cpu)) != 0) _cpus[cpu].Tell(outcome.Request, Self);
        }
    }

    /// <summary>Every CPU dropped the translations: objects may free their frames now, and the call returns.</summary>
    private void Complete(PendingShootdown pending)
    {
        foreach (var obj in pending.Releases) obj.Tell(ObjectRelease.Instance, Self);
        pending.Reply?.Send(pending.Code, Self);
        if (pending.Notify is { } notify) notify.To.Tell(notify.Message, Self);
    }

    /// <summary>Task termination: every mapping goes (a whole-pmap shootdown), then every object is released.</summary>
    private void ReleaseAddressSpace()
    {
        var releases = _objects.Values.ToList();
        _objects.Clear();
        _faults.Clear();
        if (_pmap is null && releases.Count == 0) return;
        var cpus = _shootdowns.CpusCaching(Pmap.Id);
        var pending = new PendingShootdown(KernReturn.Success, null, releases);
        if (cpus == 0)
        {
            Complete(pending);
            return;
        }
        var outcome = _shootdowns.Begin(Pmap.Id, 0, long.MaxValue, cpus);
        _awaitingAcks[outcome.Request!.Token] = pending;
        for (var cpu = 0; cpu < ShootdownTracker.MaxCpus; cpu++)
        {
            if ((outcome.WaitingFor & (1UL << cpu)) != 0) _cpus[cpu].Tell(outcome.Request, Self);
        }
    }

    private long PageOf(ulong address) => (long)(address / (ulong)PageSize);

    private sealed record PendingFault(CallerReply Reply, WaitChannel Channel, long Page, VmProt Access, long ObjectId);

    private sealed record PendingShootdown(KernReturn Code, CallerReply? Reply, List<IActorRef> Releases, (IActorRef To, object Message)? Notify = null);
}
