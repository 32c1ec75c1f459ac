using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>
/// Copy objects (COPY_DELAY, pager-protocol.md section 6) for copies of a shared object: a copy is a new
/// object shadowing the source, and the source pushes a page's current contents into every live copy
/// that lacks it before the page may be modified. Arrangement: every copy shadows the source directly
/// (not GNU Mach's source &lt;- newest copy &lt;- older copy chain, which needs read-only copy objects; a
/// copy here is mapped writable by its own map), and the source remembers, per copy, the offsets
/// it already holds.
/// </summary>
public sealed partial class VmObject
{
    private readonly List<CopyObject> _copyObjects = [];
    private readonly Dictionary<long, (MakeCopyObject Make, IActorRef Asker)> _copySpawns = [];
    private readonly Dictionary<long, Pushing> _pushing = [];
    private readonly Dictionary<long, (long Offset, CopyObject Copy)> _pushRequests = [];
    private bool _isCopy;

    /// <summary>Whether a write at <paramref name="offset"/> must first push the page into some copy (so a mapping for reading is made without write).</summary>
    private bool NeedsPush(long offset) => _copyObjects.Any(c => c.Covers(offset) && !c.Holds.Contains(offset));

    /// <summary>
    /// MakeCopyObject: the copy is spawned as a shadow of this object. VmObjectSpawned of a copy being
    /// made: it is registered and told so (<see cref="CopyObjectOf"/>), every mapping of the resident
    /// pages goes, then the asking task is told the copy's actor. CopyObjectOf: this object is a copy
    /// object. ObjectFaultAnswer of a push: that copy holds the page now. False for other messages.
    /// </summary>
    private bool OnCopyMessage(object message)
    {
        switch (message)
        {
            case MakeCopyObject m:
                _copySpawns[m.CopyId] = (m, Sender);
                _memory.Tell(new SpawnVmObject(m.CopyId, _id, m.SourceOffset), Self);
                return true;
            case VmObjectSpawned s when _copySpawns.Remove(s.Id, out var making):
                if (s.Object is { } copy)
                {
                    _copyObjects.Add(new CopyObject(copy, making.Make.SourceOffset, making.Make.Size));
                    copy.Tell(CopyObjectOf.Instance, Self);
                }
                var frames = _state.Pages.Where(p => p is { Absent: false, Frame: not null }).Select(p => p.Frame!.Value).ToList();
                var asker = making.Asker;
                RemoveMappings(frames, () => asker.Tell(s, Self));
                return true;
            case CopyObjectOf:
                _isCopy = true;
                return true;
            case ObjectFaultAnswer a when _pushRequests.Remove(a.FaultId, out var push):
                Pushed(push.Offset, push.Copy);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Fault <paramref name="f"/> (a write, not a push) is answered Resident in <paramref name="frame"/>:
    /// when some live copy lacks the page, it is pushed first (each such copy faults it in for itself,
    /// reading this unmodified page), then every mapping of the frame goes (a task may map it through a
    /// copy), and the fault is asked again; faults on the page wait meanwhile. False when no push is needed.
    /// </summary>
    private bool PushBeforeWrite(ObjectFault f, IActorRef replyTo, VmFrame frame)
    {
        if (f.Chained || f.Push || (f.Access & VmProt.Write) == 0) return false;
        var lacking = _copyObjects.Where(c => c.Covers(f.Offset) && !c.Holds.Contains(f.Offset)).ToList();
        if (lacking.Count == 0) return false;
        var pushing = new Pushing(frame, lacking.Count);
        pushing.Held.Add((f, replyTo));
        _pushing[f.Offset] = pushing;
        foreach (var copy in lacking)
        {
            var request = ++_nextRequest;
            _pushRequests[request] = (f.Offset, copy);
            copy.Actor.Tell(new ObjectFault(request, f.Offset - copy.SourceOffset, VmProt.Write) { Push = true }, Self);
        }
        return true;
    }

    /// <summary>True (and the fault held) while the page at its offset is being pushed; a copy's chained read is never held (it is how the push is served).</summary>
    private bool HeldForPush(ObjectFault f, IActorRef replyTo)
    {
        if (f.Chained || !_pushing.TryGetValue(f.Offset, out var pushing)) return false;
        pushing.Held.Add((f, replyTo));
        return true;
    }

    /// <summary>One copy holds the page at <paramref name="offset"/> (or is gone); after the last, the frame's mappings go and the held faults are asked again.</summary>
    private void Pushed(long offset, CopyObject copy)
    {
        copy.Holds.Add(offset);
        if (!_pushing.TryGetValue(offset, out var pushing) || --pushing.Left > 0) return;
        RemoveMappings([pushing.Frame], () =>
        {
            _pushing.Remove(offset);
            foreach (var (fault, to) in pushing.Held) Ask(fault, to);
        });
    }

    /// <summary>An ObjectRelease from one of the copies (its reference on this object, at its end): it is forgotten, and pushes waiting for it complete.</summary>
    private void CopyReleased(IActorRef sender)
    {
        if (_copyObjects.Find(c => c.Actor.Equals(sender)) is not { } gone) return;
        _copyObjects.Remove(gone);
        foreach (var (request, push) in _pushRequests.Where(p => ReferenceEquals(p.Value.Copy, gone)).ToList())
        {
            _pushRequests.Remove(request);
            Pushed(push.Offset, gone);
        }
    }

    private sealed record CopyObject(IActorRef Actor, long SourceOffset, long Size)
    {
        public HashSet<long> Holds { get; } = [];

        public bool Covers(long offset) => offset >= SourceOffset && offset - SourceOffset < Size;
    }

    private sealed record Pushing(VmFrame Frame, int Count)
    {
        public int Left { get; set; } = Count;

        public List<(ObjectFault Fault, IActorRef ReplyTo)> Held { get; } = [];
    }
}
