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
    private readonly ShootdownTracker _shootdowns = new();
    private readonly Dictionary<int, IActorRef> _cpus = [];
    private readonly Dictionary<long, PendingFault> _faults = [];
    private readonly Dictionary<long, PendingShootdown> _awaitingAcks = [];
    private VmMap? _map;
    private Pmap? _pmap;
    private long _nextFault, _nextObject;

    private VmMap Map => _map ??= VmMap.ForTask(_services.Config, NewObjectId);

    private Pmap Pmap => _pmap ??= new Pmap(Self.Id.Value);

    private int PageSize => _services.Config.PageSize;

    /// <summary>
    /// The address-space calls. VmAllocate, VmInheritCall, VmRegionCall: answered at once.
    /// VmDeallocate, VmProtect: answered after the shootdown of what they removed or narrowed.
    /// MemoryFault (from a CPU): a translation at once when the pmap has one allowing the access;
    /// BadAccess for an unmapped address (KERN_INVALID_ADDRESS) or an access above the entry's
    /// protection (KERN_PROTECTION_FAILURE); otherwise the thread blocks until the object has the page
    /// and is woken with Retry. vm_copy, vm_read, vm_write: MachTask.VmCopy.cs. vm_map:
    /// MachTask.VmMap.cs. False for other calls.
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
                return OnVmCopyCall(request, reply) || OnVmMapCall(request, reply);
        }
    }

    /// <summary>
    /// ObjectFaultAnswer: a blocked fault goes on. VmObjectSpawned: an object's actor is known (messages
    /// held for it go out). RemoveFrameMappings (an object evicting a page): every
    /// pmap entry of the frame goes, with a shootdown; FrameMappingsRemoved answers after the last ack.
    /// TlbShootdownAck: a waiting call may complete. False for other messages.
    /// </summary>
    private bool OnVmMessage(object message)
    {
        switch (message)
        {
            case ObjectFaultAnswer a when _faults.Remove(a.FaultId, out var fault):
                Answered(fault, a.Answer, a.ReadOnly);
                return true;
            case ObjectFaultAnswer:
                return true; // a fault forgotten (its task ended): stale
            case VmObjectSpawned spawned:
                ObjectResolved(spawned);
                return true;
            case RemoveFrameMappings r:
                var removed = Pmap.RemoveFrame(ResidentMemory.ToFrame(r.Frame)).Changes.ToList();
                Shootdown(new PendingShootdown(KernReturn.Success, null, [], (Sender, new FrameMappingsRemoved(r.Token))), removed);
                return true;
            case TlbShootdownAck ack:
                var outcome = _shootdowns.Acknowledge(ack.Cpu, ack.Token);
                if (outcome.State == ShootdownState.Completed && _awaitingAcks.Remove(ack.Token, out var pending)) Complete(pending);
                return true;
            default:
                return OnVmCopyMessage(message) || OnVmMapMessage(message);
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
        var found = (access & VmProt.Write) != 0 ? Map.MaterializeForWrite(address, out var entry) : Map.Materialize(address, out entry);
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
        SendToObject(fault.ObjectId, new ObjectFault(id, (long)(entry.Offset + (address - entry.Start)), access));
    }

    private void Answered(PendingFault fault, VmFaultAnswer answer, bool readOnly)
    {
        var address = (ulong)fault.Page * (ulong)PageSize;
        switch (answer.Outcome)
        {
            case VmFaultOutcome.Resident when answer.Frame is { } frame:
                // The map may have changed while the thread waited: enter only what it still maps.
                if (!_terminated && Map.Lookup(address, out var entry) && entry.Object?.Id == fault.ObjectId
                    && (long)(entry.Offset + (address - entry.Start)) == answer.Offset)
                {
                    if (Pmap.Lookup(fault.Page, out var old) && old.Frame != ResidentMemory.ToFrame(frame))
                    {
                        // A page copied up replaces a read-only mapping of the frame below: shoot that down first.
                        var removed = Pmap.Remove(fault.Page, 1).Changes.ToList();
                        Shootdown(new PendingShootdown(KernReturn.Success, null, [], Then: () => Answered(fault, answer, readOnly)), removed);
                        return;
                    }
                    var protection = readOnly || entry.NeedsCopy ? entry.Protection & ~VmProt.Write : entry.Protection;
                    Pmap.Enter(fault.Page, ResidentMemory.ToFrame(frame), protection);
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
    /// Carries out the map's effects: objects created get their actors (VmObjects.cs), references are
    /// taken at once; pmap removals and downgrades are shot down; released objects are told only when
    /// the shootdown completed, and so is <paramref name="reply"/> (with <paramref name="code"/>) when
    /// given, then <paramref name="then"/> runs.
    /// </summary>
    private void ApplyMapEffects(KernReturn code, CallerReply? reply, Action? then = null)
    {
        var (releases, changes) = CarryOutMapEffects();
        Shootdown(new PendingShootdown(code, reply, releases, Then: then), changes);
    }

    /// <summary>Carries out the map's object effects now; returns the objects to release and the pmap changes to shoot down first.</summary>
    private (List<long> Releases, List<PmapChange> Changes) CarryOutMapEffects()
    {
        var releases = new List<long>();
        var changes = new List<PmapChange>();
        foreach (var effect in Map.TakeEffects())
        {
            switch (effect)
            {
                case VmMapEffect.ObjectReleased r:
                    releases.Add(r.Object.Id);
                    break;
                case VmMapEffect.PmapRemove r:
                    changes.AddRange(Pmap.Remove(PageOf(r.Start), PageOf(r.End - 1) - PageOf(r.Start) + 1).Changes);
                    break;
                case VmMapEffect.PmapProtect p:
                    changes.AddRange(Pmap.Protect(PageOf(p.Start), PageOf(p.End - 1) - PageOf(p.Start) + 1, p.Protection).Changes);
                    break;
                default:
                    ObjectEffect(effect);
                    break;
            }
        }
        return (releases, changes);
    }

    /// <summary>
    /// Starts one shootdown covering <paramref name="changes"/> on every CPU that may cache them; completes
    /// at once when none does. Copy objects and overwrites the effects carried out just before started
    /// are waited for too (MachTask.VmOverwrite.cs), so the call completes after all of them.
    /// </summary>
    private void Shootdown(PendingShootdown pending, List<PmapChange> changes)
    {
        pending = AfterObjectWork(pending);
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
        foreach (var obj in pending.Releases) SendToObject(obj, ObjectRelease.Instance);
        pending.Reply?.Send(pending.Code, Self);
        if (pending.Notify is { } notify) notify.To.Tell(notify.Message, Self);
        pending.Then?.Invoke();
    }

    /// <summary>Task termination: every mapping goes (a whole-pmap shootdown), then the map's reference on every object it names is released.</summary>
    private void ReleaseAddressSpace()
    {
        _faults.Clear();
        if (_map is null) return;
        Map.Deallocate(Map.Min, Map.Max - Map.Min);
        var releases = Map.TakeEffects().OfType<VmMapEffect.ObjectReleased>().Select(r => r.Object.Id).ToList();
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

    private sealed record PendingShootdown(KernReturn Code, CallerReply? Reply, List<long> Releases, (IActorRef To, object Message)? Notify = null, Action? Then = null);
}
