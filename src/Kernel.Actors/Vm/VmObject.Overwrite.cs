using System.Collections.Immutable;
using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>
/// vm_write into a shared object (the object side of <see cref="VmMapEffect.ObjectOverwritten"/>):
/// overwrites run one at a time, page by page: (1) the new bytes are read from the source (a chained
/// read; nobody maps it) into a frame of this object's; (2) the page is faulted here for write, which
/// pushes it into copy objects lacking it and makes it this object's own (paged in, copied up or zero
/// filled); (3) faults on the page wait while every mapping of its frame goes; (4) the page takes the
/// new frame (dirty) and the old one is freed. A new copy object needing the page before step (4)
/// sends it back to step (2).
/// </summary>
public sealed partial class VmObject
{
    private readonly Queue<(ObjectOverwrite Job, IActorRef Asker)> _overwrites = new();
    private Overwriting? _overwriting;

    /// <summary>ObjectOverwrite: queued (started when none runs). ObjectFaultAnswer of a step: the next step. False for other messages.</summary>
    private bool OnOverwriteMessage(object message)
    {
        switch (message)
        {
            case ObjectOverwrite w:
                _overwrites.Enqueue((w, Sender));
                if (_overwriting is null) NextOverwrite();
                return true;
            case ObjectFaultAnswer a when _overwriting is { } o && a.FaultId == o.Request && o.Step == OverwriteStep.Source:
                SourceRead(o, a);
                return true;
            case ObjectFaultAnswer a when _overwriting is { } o && a.FaultId == o.Request && o.Step == OverwriteStep.Fault:
                TargetFaulted(o, a.Answer);
                return true;
            default:
                return false;
        }
    }

    private void NextOverwrite()
    {
        if (!_overwrites.TryDequeue(out var next)) return;
        _overwriting = new Overwriting(next.Job, next.Asker);
        if (next.Job.Size <= 0) FinishOverwrite(_overwriting);
        else ReadSource(_overwriting);
    }

    /// <summary>Step (1): the source page, or a zeroed frame when there is no source.</summary>
    private void ReadSource(Overwriting o)
    {
        o.Request = ++_nextRequest;
        if (o.Job.Source is { } source)
        {
            o.Step = OverwriteStep.Source;
            source.Tell(new ObjectFault(o.Request, o.Job.SourceOffset + o.Done, VmProt.Read, Chained: true), Self);
            return;
        }
        o.Step = OverwriteStep.Bytes;
        _memory.Tell(new FrameAllocate(o.Request, new PageOwner(_id, o.Target)), Self);
    }

    private void SourceRead(Overwriting o, ObjectFaultAnswer a)
    {
        o.Request = ++_nextRequest;
        o.Step = OverwriteStep.Bytes;
        switch (a.Answer)
        {
            case { Outcome: VmFaultOutcome.Resident, Frame: { } frame } when a.Owner is { } owner:
                _memory.Tell(new FrameAllocate(o.Request, new PageOwner(_id, o.Target), CopyOf: new FrameSource(frame, owner)), Self);
                break;
            case { Outcome: VmFaultOutcome.Unavailable }:
                _memory.Tell(new FrameAllocate(o.Request, new PageOwner(_id, o.Target)), Self); // zeros at the bottom of the source's chain
                break;
            default:
                PageFailed(o, a.Answer.Error == KernReturn.Success ? KernReturn.MemoryError : a.Answer.Error);
                break;
        }
    }

    /// <summary>FrameAllocated of step (1): the new bytes are staged, then step (2); the source page went meanwhile: step (1) again.</summary>
    private void OverwriteBytes(Overwriting o, FrameAllocated a)
    {
        if (a.SourceGone)
        {
            ReadSource(o);
            return;
        }
        if (a.Frame is not { } frame)
        {
            PageFailed(o, KernReturn.ResourceShortage);
            return;
        }
        o.Staged = frame;
        o.Contents = a.Contents.IsDefault ? _zeros : a.Contents;
        FaultTarget(o);
    }

    /// <summary>Step (2): the page faulted here for write (copies pushed, the page made this object's own).</summary>
    private void FaultTarget(Overwriting o)
    {
        o.Request = ++_nextRequest;
        o.Step = OverwriteStep.Fault;
        Fault(new ObjectFault(o.Request, o.Target, VmProt.Write), Self);
    }

    /// <summary>Step (3) once the page is this object's, not busy, and in no copy's way: faults on it wait while its frame's mappings go.</summary>
    private void TargetFaulted(Overwriting o, VmFaultAnswer answer)
    {
        if (answer.Outcome != VmFaultOutcome.Resident)
        {
            PageFailed(o, answer.Error == KernReturn.Success ? KernReturn.MemoryError : answer.Error);
            return;
        }
        if (_state.Page(o.Target) is not { Absent: false, Busy: false, Frame: { } frame } || NeedsPush(o.Target))
        {
            FaultTarget(o);
            return;
        }
        o.Step = OverwriteStep.Replace;
        o.Held = [];
        RemoveMappings([frame], () => Replace(o));
    }

    /// <summary>Step (4): the page takes the staged frame; the held faults are asked again.</summary>
    private void Replace(Overwriting o)
    {
        var held = o.Held ?? [];
        o.Held = null;
        if (NeedsPush(o.Target) || _state.Page(o.Target) is { Busy: true })
        {
            foreach (var (fault, to) in held) Ask(fault, to);
            FaultTarget(o); // a copy made meanwhile lacks the page, or the page is being paged: again from step (2)
            return;
        }
        _frames.Stage(o.Staged!.Value, o.Contents);
        var placed = _state.ReplacePage(o.Target, o.Contents);
        _frames.ReleaseStaged();
        o.Staged = null;
        FlushFreed();
        foreach (var (fault, to) in held) Ask(fault, to);
        if (placed != KernReturn.Success) o.Code = o.Code == KernReturn.Success ? placed : o.Code;
        NextPage(o);
    }

    /// <summary>True (and the fault held) while the page it asks for is being replaced (step 3).</summary>
    private bool HeldForOverwrite(ObjectFault f, IActorRef replyTo)
    {
        if (_overwriting is not { Held: { } held } o || o.Target != f.Offset) return false;
        held.Add((f, replyTo));
        return true;
    }

    private void PageFailed(Overwriting o, KernReturn code)
    {
        if (o.Staged is { } staged) _memory.Tell(new FrameFree([staged]), Self);
        o.Staged = null;
        if (o.Code == KernReturn.Success) o.Code = code;
        NextPage(o);
    }

    private void NextPage(Overwriting o)
    {
        o.Done += _state.PageSize;
        if (o.Done < o.Job.Size) ReadSource(o);
        else FinishOverwrite(o);
    }

    private void FinishOverwrite(Overwriting o)
    {
        _overwriting = null;
        o.Asker.Tell(new ObjectOverwriteDone(o.Job.Token, o.Code), Self);
        o.Job.Source?.Tell(ObjectRelease.Instance, Self);
        NextOverwrite();
    }

    /// <summary>The object ends: overwrites not done are answered Failure (their sources released).</summary>
    private void AbortOverwrites()
    {
        if (_overwriting is { } o)
        {
            _overwriting = null;
            o.Asker.Tell(new ObjectOverwriteDone(o.Job.Token, KernReturn.Failure), Self);
            o.Job.Source?.Tell(ObjectRelease.Instance, Self);
        }
        while (_overwrites.TryDequeue(out var queued))
        {
            queued.Asker.Tell(new ObjectOverwriteDone(queued.Job.Token, KernReturn.Failure), Self);
            queued.Job.Source?.Tell(ObjectRelease.Instance, Self);
        }
    }

    private enum OverwriteStep
    {
        Source,
        Bytes,
        Fault,
        Replace,
    }

    private sealed class Overwriting(ObjectOverwrite job, IActorRef asker)
    {
        public ObjectOverwrite Job { get; } = job;

        public IActorRef Asker { get; } = asker;

        public long Done { get; set; }

        public long Target => Job.TargetOffset + Done;

        public long Request { get; set; }

        public OverwriteStep Step { get; set; }

        public VmFrame? Staged { get; set; }

        public ImmutableArray<byte> Contents { get; set; }

        public List<(ObjectFault Fault, IActorRef ReplyTo)>? Held { get; set; }

        public KernReturn Code { get; set; } = KernReturn.Success;
    }
}
