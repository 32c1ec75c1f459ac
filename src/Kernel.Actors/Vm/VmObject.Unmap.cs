using MachActors.Actors;

namespace MachActors.Kernel.Vm;

public sealed partial class VmObject
{
    private readonly Dictionary<long, (int Left, Action Then)> _unmaps = [];
    private readonly Dictionary<long, List<(ObjectFault Fault, IActorRef ReplyTo)>> _flushing = [];
    private long _nextUnmap;

    /// <summary>
    /// Asks every mapper to remove its mappings of each of <paramref name="frames"/> (one
    /// <see cref="RemoveFrameMappings"/> per mapper and frame, one token for the batch) and runs
    /// <paramref name="then"/> after the last <see cref="FrameMappingsRemoved"/> (at once when nobody is asked).
    /// </summary>
    private void RemoveMappings(IEnumerable<VmFrame> frames, Action then)
    {
        var token = --_nextUnmap; // negative: never a daemon's eviction token
        var asked = 0;
        foreach (var frame in frames)
        {
            foreach (var mapper in _mappers)
            {
                mapper.Tell(new RemoveFrameMappings(token, frame), Self);
                asked++;
            }
        }
        if (asked == 0) then();
        else _unmaps[token] = (asked, then);
    }

    /// <summary>
    /// FrameMappingsRemoved for a batch of <see cref="RemoveMappings"/>: the last one runs its
    /// continuation. FlushFrameMappings: the owner flushes its mappers and answers the asker; another
    /// object passes it down its chain; the bottom answers at once. False for other messages.
    /// </summary>
    private bool OnUnmapMessage(object message)
    {
        switch (message)
        {
            case FrameMappingsRemoved r when _unmaps.TryGetValue(r.Token, out var u):
                if (u.Left > 1)
                {
                    _unmaps[r.Token] = (u.Left - 1, u.Then);
                    return true;
                }
                _unmaps.Remove(r.Token);
                u.Then();
                return true;
            case FlushFrameMappings f when f.Source.Owner.ObjectId == _id || _absorbed.Contains(f.Source.Owner.ObjectId):
                var asker = Sender;
                RemoveMappings([f.Source.Frame], () => asker.Tell(new FrameMappingsRemoved(f.Token), Self));
                return true;
            case FlushFrameMappings f when _backing is { } link:
                link.Object.Forward(f);
                return true;
            case FlushFrameMappings f:
                Sender.Tell(new FrameMappingsRemoved(f.Token), Self);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A page was copied up here from <paramref name="source"/> for fault <paramref name="f"/>. When
    /// another map or object references this one, a task may map the source frame through it and
    /// would never see the copy's writes: every mapping of the source frame goes first (the owner's
    /// mappers, <see cref="FlushFrameMappings"/>), and faults on the page wait meanwhile; then the fault
    /// and the held ones are asked again. With one reference only the writer maps through it (its own
    /// old mapping is replaced when it enters the copy).
    /// </summary>
    private void FlushCopiedFrom(FrameSource source, ObjectFault f, IActorRef replyTo)
    {
        if (_references <= 1 || _backing is not { } link)
        {
            Ask(f, replyTo);
            return;
        }
        var token = --_nextUnmap;
        _flushing[f.Offset] = [(f, replyTo)];
        _unmaps[token] = (1, () =>
        {
            _flushing.Remove(f.Offset, out var held);
            foreach (var (fault, to) in held ?? []) Ask(fault, to);
        });
        link.Object.Tell(new FlushFrameMappings(token, source), Self);
    }

    /// <summary>True (and the fault held) while the page at its offset is being flushed after a copy-up.</summary>
    private bool HeldForFlush(ObjectFault f, IActorRef replyTo)
    {
        if (!_flushing.TryGetValue(f.Offset, out var held)) return false;
        held.Add((f, replyTo));
        return true;
    }
}
