using MachActors.Actors;

namespace MachActors.Kernel.Vm;

public sealed partial class VmObject
{
    private readonly Dictionary<long, (ObjectFault Fault, IActorRef ReplyTo)> _chained = [];
    private readonly Dictionary<long, (ObjectFault Fault, IActorRef ReplyTo, FrameSource Source)> _copies = [];
    private readonly List<IActorRef> _mappers = [];

    /// <summary>
    /// Answers fault <paramref name="f"/> with the state's <paramref name="answer"/> (copy-on-write,
    /// pager-protocol.md section 6):
    /// <list type="bullet">
    /// <item>Resident: to the asker, with this object as the page's owner; the mapper (the task that will
    /// enter the frame) is remembered for evictions. A write first pushes the page into copy objects
    /// that lack it, and a read is mapped without write while one does (VmObject.Copy).</item>
    /// <item>Unavailable with a shadow link: the backing object is asked for the page (read access,
    /// chained); its answer comes back to <see cref="Chained"/>.</item>
    /// <item>Unavailable at the bottom: a chained asker is told so; a fault asked here directly (the top
    /// object) is zero-filled here.</item>
    /// <item>Anything else goes to the asker as it is.</item>
    /// </list>
    /// </summary>
    private void Answer(ObjectFault f, IActorRef replyTo, VmFaultAnswer answer)
    {
        switch (answer.Outcome)
        {
            case VmFaultOutcome.Resident:
                if (answer.Frame is { } resident && PushBeforeWrite(f, replyTo, resident)) return;
                var mapper = f.Push ? null : f.Chained ? f.Mapper : f.Mapper ?? replyTo;
                if (mapper is not null && !mapper.Equals(Self) && !_mappers.Contains(mapper)) _mappers.Add(mapper); // Self: an overwrite's own fault
                var writeLocked = _state.Page(answer.Offset) is { } locked && (locked.PageLock & VmProt.Write) != 0; // mapped without write: a write faults and asks data_unlock
                var readOnly = writeLocked || NeedsPush(answer.Offset); // a write faults, and pushes to the copies first
                replyTo.Tell(new ObjectFaultAnswer(f.FaultId, answer, readOnly) { Owner = new PageOwner(_id, answer.Offset) }, Self);
                return;
            case VmFaultOutcome.Unavailable when answer.Shadow is { } link:
                var request = ++_nextRequest;
                _chained[request] = (f, replyTo);
                var throughMapper = (f.Access & VmProt.Write) != 0 && !f.Chained ? null : f.Chained ? f.Mapper : f.Mapper ?? replyTo; // a page copied up is mapped from the copy
                link.Object.Tell(new ObjectFault(request, f.Offset + link.Offset, VmProt.Read, throughMapper, Chained: true), Self);
                return;
            case VmFaultOutcome.Unavailable when !f.Chained:
                StartZeroFill(f, replyTo);
                return;
            default:
                replyTo.Tell(new ObjectFaultAnswer(f.FaultId, answer), Self);
                return;
        }
    }

    /// <summary>
    /// ObjectFaultAnswer from the backing object for a chained request: a chained asker gets it as it is
    /// (at its offset); the top object maps a read from the backing frame read-only, and for a write
    /// copies that frame into a new one of its own (<see cref="FrameAllocate.CopyOf"/>), installs it
    /// dirty and asks again; the bottom's Unavailable is zero-filled here. False for other messages.
    /// (FrameAllocated for a copy reaches <see cref="Copied"/> from OnReceive.)
    /// </summary>
    private bool OnChainMessage(object message)
    {
        switch (message)
        {
            case ObjectFaultAnswer a when _chained.Remove(a.FaultId, out var c):
                Chained(a, c.Fault, c.ReplyTo);
                return true;
            case ObjectFaultAnswer:
                return true; // stale
            default:
                return false;
        }
    }

    private void Chained(ObjectFaultAnswer a, ObjectFault f, IActorRef replyTo)
    {
        if (_state.Page(f.Offset) is { Absent: false })
        {
            Fault(f, replyTo); // the page arrived here meanwhile (copied up): the frame below is no longer this object's page
            return;
        }
        var answer = a.Answer with { Offset = f.Offset };
        if (f.Chained)
        {
            replyTo.Tell(new ObjectFaultAnswer(f.FaultId, answer, a.ReadOnly) { Owner = a.Owner }, Self);
            return;
        }
        switch (answer.Outcome)
        {
            case VmFaultOutcome.Resident when (f.Access & VmProt.Write) != 0 && answer.Frame is { } frame && a.Owner is { } owner:
                var request = ++_nextRequest;
                var source = new FrameSource(frame, owner);
                _copies[request] = (f, replyTo, source);
                _memory.Tell(new FrameAllocate(request, new PageOwner(_id, f.Offset), CopyOf: source), Self);
                return;
            case VmFaultOutcome.Resident:
                replyTo.Tell(new ObjectFaultAnswer(f.FaultId, answer, ReadOnly: true) { Owner = a.Owner }, Self);
                return;
            case VmFaultOutcome.Unavailable:
                StartZeroFill(f, replyTo);
                return;
            default:
                replyTo.Tell(new ObjectFaultAnswer(f.FaultId, answer), Self);
                return;
        }
    }

    /// <summary>A copied frame: installed, every mapping of the source frame flushed when others may map it through here, and the fault asked again; source evicted meanwhile: the fault starts over.</summary>
    private void Copied(FrameAllocated a, ObjectFault f, IActorRef replyTo, FrameSource source)
    {
        if (a.SourceGone)
        {
            Fault(f, replyTo); // the backing page was evicted meanwhile: walk the chain again
            return;
        }
        if (a.Frame is not { } frame || a.Contents.IsDefault)
        {
            replyTo.Tell(new ObjectFaultAnswer(f.FaultId, new VmFaultAnswer(VmFaultOutcome.MemoryError, f.Offset, Error: KernReturn.ResourceShortage)), Self);
            return;
        }
        _frames.Stage(frame, a.Contents);
        var installed = _state.InstallPage(f.Offset, a.Contents, dirty: true); // MemoryPresent: another fault copied it first
        _frames.ReleaseStaged();
        FlushFreed();
        if (installed == KernReturn.Success) FlushCopiedFrom(source, f, replyTo);
        else Ask(f, replyTo);
    }
}
