using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Kern;

/// <summary>
/// What a call's object effects start and the call must wait for before it completes: copy objects
/// being made by their sources (<see cref="MakeCopyObject"/>: answered once no writable mapping of the
/// source is left) and overwrites of shared objects (vm_write and vm_copy into shared memory,
/// <see cref="ObjectOverwrite"/>: answered once every sharer sees the data).
/// </summary>
public sealed partial class MachTask
{
    private readonly List<long> _newCopies = [];
    private readonly List<long> _newOverwrites = [];
    private readonly Dictionary<long, KernReturn?> _overwrites = [];
    private readonly List<(List<long> Tokens, Action<KernReturn> Then)> _awaitingOverwrites = [];
    private long _nextOverwrite;

    /// <summary>
    /// ObjectOverwritten: the source gets the overwrite's own reference (the target releases it when
    /// done), then, once the source's actor is known, the target is asked to overwrite.
    /// </summary>
    private void StartOverwrite(VmMapEffect.ObjectOverwritten o)
    {
        var token = ++_nextOverwrite;
        _overwrites[token] = null;
        _newOverwrites.Add(token);
        if (o.Source is not { } source)
        {
            SendToObject(o.Target.Id, new ObjectOverwrite(token, (long)o.TargetOffset, null, (long)o.SourceOffset, (long)o.Size));
            return;
        }
        SendToObject(source.Id, ObjectReference.Instance);
        WhenObjectsKnown([source.Id], () =>
            SendToObject(o.Target.Id, new ObjectOverwrite(token, (long)o.TargetOffset, _objects.GetValueOrDefault(source.Id), (long)o.SourceOffset, (long)o.Size)));
    }

    /// <summary>ObjectOverwriteDone: the overwrite's code is known; calls waiting for all of theirs go on.</summary>
    private void OverwriteDone(ObjectOverwriteDone done)
    {
        if (!_overwrites.ContainsKey(done.Token)) return;
        _overwrites[done.Token] = done.Code;
        var ready = _awaitingOverwrites.Where(w => w.Tokens.All(t => _overwrites[t] is not null)).ToList();
        foreach (var w in ready)
        {
            _awaitingOverwrites.Remove(w);
            w.Then(Outcome(w.Tokens));
        }
    }

    /// <summary>The first failure among the finished overwrites <paramref name="tokens"/> (forgotten now), else Success.</summary>
    private KernReturn Outcome(List<long> tokens)
    {
        var code = KernReturn.Success;
        foreach (var token in tokens)
        {
            _overwrites.Remove(token, out var done);
            if (code == KernReturn.Success && done is { } c) code = c;
        }
        return code;
    }

    /// <summary>
    /// <paramref name="pending"/> completed only after the copies and overwrites the effects just carried
    /// out started (the first overwrite failure replacing a successful code); as it is when there are none.
    /// </summary>
    private PendingShootdown AfterObjectWork(PendingShootdown pending)
    {
        if (_newCopies.Count == 0 && _newOverwrites.Count == 0) return pending;
        var copies = _newCopies.ToList();
        var overwrites = _newOverwrites.ToList();
        _newCopies.Clear();
        _newOverwrites.Clear();
        return new PendingShootdown(KernReturn.Success, null, [], Then: () => WhenObjectsKnown(copies, () =>
        {
            if (overwrites.All(t => _overwrites[t] is not null)) Finish(Outcome(overwrites));
            else _awaitingOverwrites.Add((overwrites, Finish));
        }));

        void Finish(KernReturn code) => Complete(code != KernReturn.Success && pending.Code == KernReturn.Success ? pending with { Code = code } : pending);
    }
}
