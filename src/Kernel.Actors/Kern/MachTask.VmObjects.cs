using MachActors.Actors;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The task's side of VM objects several tasks may map: object actors are children of the resident
/// memory (<see cref="SpawnVmObject"/>), so an object outlives the task that made it while another map
/// names it; the task knows them by id and holds messages for an object whose actor it does not know
/// yet, in order, until <see cref="VmObjectSpawned"/> names it. Fork (task_create with inherit_memory)
/// builds the child's map with <see cref="VmMap.ForkInto"/>.
/// </summary>
public sealed partial class MachTask
{
    private readonly Dictionary<long, IActorRef> _objects = [];
    private readonly Dictionary<long, List<object>> _outbox = [];
    private readonly List<(HashSet<long> Missing, Action Then)> _awaitingObjects = [];

    private long NewObjectId() => (Self.Id.Value << 24) + ++_nextObject;

    /// <summary>Sends <paramref name="message"/> to object <paramref name="id"/>, or holds it (in order) until its actor is known, asking the resident memory for it the first time.</summary>
    private void SendToObject(long id, object message)
    {
        if (_objects.TryGetValue(id, out var obj))
        {
            obj.Tell(message, Self);
            return;
        }
        if (_outbox.TryGetValue(id, out var held))
        {
            held.Add(message);
            return;
        }
        _outbox[id] = [message];
        _services.Memory.Tell(new ResolveVmObject(id), Self);
    }

    /// <summary>An object's actor is known: the messages held for it go out in order (none when it is gone: they are dropped); waiters on it may run.</summary>
    private void ObjectResolved(VmObjectSpawned spawned)
    {
        _outbox.Remove(spawned.Id, out var held);
        if (spawned.Object is { } obj)
        {
            _objects[spawned.Id] = obj;
            foreach (var message in held ?? []) obj.Tell(message, Self);
        }
        if (_awaitingObjects.Count == 0) return;
        var ready = _awaitingObjects.Where(w => w.Missing.Remove(spawned.Id) && w.Missing.Count == 0).ToList();
        _awaitingObjects.RemoveAll(w => w.Missing.Count == 0);
        foreach (var (_, then) in ready) then();
    }

    /// <summary>Runs <paramref name="then"/> once the actor of every object in <paramref name="ids"/> is known (at once when all are; a gone object counts as known).</summary>
    private void WhenObjectsKnown(IEnumerable<long> ids, Action then)
    {
        var missing = ids.Where(id => !_objects.ContainsKey(id)).ToHashSet();
        if (missing.Count == 0)
        {
            then();
            return;
        }
        foreach (var id in missing)
        {
            if (_outbox.TryAdd(id, [])) _services.Memory.Tell(new ResolveVmObject(id), Self);
        }
        _awaitingObjects.Add((missing, then));
    }

    /// <summary>
    /// A map effect on objects. ObjectCreated: its actor is spawned. ShadowCreated: the backing object
    /// gets the shadow's reference first, then the shadow is spawned. CopyCreated (a copy of a shared
    /// object): the source gets the copy's reference, then makes the copy object (MakeCopyObject) and
    /// names its actor only after no writable mapping of its pages is left; the call that made the copy
    /// completes only then (<see cref="Shootdown"/> waits for <see cref="_newCopies"/>).
    /// ObjectReferenced: one more reference. ObjectOverwritten: the shared object is written in place
    /// (MachTask.VmOverwrite.cs). Others: none.
    /// </summary>
    private void ObjectEffect(VmMapEffect effect)
    {
        switch (effect)
        {
            case VmMapEffect.ObjectCreated c:
                Spawn(c.Object.Id, null, 0);
                break;
            case VmMapEffect.ShadowCreated s:
                SendToObject(s.Backing.Id, ObjectReference.Instance);
                Spawn(s.Shadow.Id, s.Backing.Id, (long)s.BackingOffset);
                break;
            case VmMapEffect.CopyCreated c:
                SendToObject(c.Source.Id, ObjectReference.Instance);
                _outbox.TryAdd(c.Copy.Id, []);
                SendToObject(c.Source.Id, new MakeCopyObject(c.Copy.Id, (long)c.SourceOffset, (long)c.Size));
                _newCopies.Add(c.Copy.Id);
                break;
            case VmMapEffect.ObjectReferenced r:
                SendToObject(r.Object.Id, ObjectReference.Instance);
                break;
            case VmMapEffect.ObjectOverwritten o:
                StartOverwrite(o);
                break;
        }
    }

    private void Spawn(long id, long? backing, long offset)
    {
        _outbox.TryAdd(id, []);
        _services.Memory.Tell(new SpawnVmObject(id, backing, offset), Self);
    }

    /// <summary>
    /// task_create with inherit_memory: the child's map from this one by inheritance; this map's copied
    /// pages are write-protected, and the child is created only after every CPU dropped their writable
    /// translations, so neither task can write a page the other still sees. The child's references are
    /// taken before it exists.
    /// </summary>
    private void Fork(CreateChildTask create)
    {
        var ids = new ObjectIdSource(NewObjectId);
        var child = VmMap.ForTask(_services.Config, ids.Next);
        Map.ForkInto(child);
        var (releases, changes) = CarryOutMapEffects();
        foreach (var effect in child.TakeEffects()) ObjectEffect(effect);
        Shootdown(new PendingShootdown(KernReturn.Success, null, releases, Then: () =>
        {
            var known = new Dictionary<long, IActorRef>();
            foreach (var entry in child.Entries)
            {
                if (entry.Object is { } obj && _objects.TryGetValue(obj.Id, out var actor)) known[obj.Id] = actor;
            }
            _services.Host.Tell(create with { Space = new ForkedSpace(child, ids, known) }, Self);
        }), changes);
    }

    /// <summary>A child made by fork starts with the inherited map (new objects get this task's ids from now on).</summary>
    private void AdoptSpace(ForkedSpace space)
    {
        space.Ids.Source = NewObjectId;
        _map = space.Map;
        foreach (var (id, actor) in space.Objects) _objects[id] = actor;
    }
}
