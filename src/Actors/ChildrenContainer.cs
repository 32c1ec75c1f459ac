using System.Globalization;
using MachActors.Actors.Supervision;

namespace MachActors.Actors;

/// <summary>
/// A cell's children: by id (every child), by name (children given an explicit name), and restart
/// statistics for children that have failed. Locked when the dispatcher is parallel, because host
/// code may spawn top-level actors while the guardian's own turn removes a terminated one.
/// </summary>
internal sealed class ChildrenContainer(bool locked)
{
    private readonly Dictionary<int, ActorCell> _byId = [];
    private Dictionary<string, ActorCell>? _byName;
    private Dictionary<int, ChildRestartStats>? _stats;

    private OptionalLock Guard() => new(locked ? this : null);

    /// <summary>Registers <paramref name="child"/>; throws when its explicit name is taken.</summary>
    /// <exception cref="InvalidActorNameException">A sibling already has that name.</exception>
    public void Add(ActorCell child, ActorCell parent)
    {
        using var guard = Guard();
        if (!child.HasGeneratedName)
        {
            _byName ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal);
            if (!_byName.TryAdd(child.Name, child))
            {
                throw new InvalidActorNameException($"actor name [{child.Name}] is not unique under {parent}");
            }
        }
        _byId.Add(child.Id, child);
    }

    /// <summary>Unregisters a terminated child; its name is free again. False if it was not registered.</summary>
    public bool Remove(ActorCell child)
    {
        using var guard = Guard();
        if (!_byId.Remove(child.Id)) return false;
        if (!child.HasGeneratedName) _byName?.Remove(child.Name);
        _stats?.Remove(child.Id);
        return true;
    }

    /// <summary>Whether <paramref name="child"/> is registered here.</summary>
    public bool Contains(ActorCell child)
    {
        using var guard = Guard();
        return _byId.TryGetValue(child.Id, out var c) && ReferenceEquals(c, child);
    }

    /// <summary>The child named <paramref name="name"/> ("$17" finds the child with id 17 and a generated name).</summary>
    public ActorCell? Find(string name)
    {
        using var guard = Guard();
        if (name.StartsWith('$'))
        {
            return int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                   && _byId.TryGetValue(id, out var byId) && byId.HasGeneratedName ? byId : null;
        }
        return _byName is not null && _byName.TryGetValue(name, out var c) ? c : null;
    }

    /// <summary>Snapshot of the children in spawn order.</summary>
    public List<ActorCell> Snapshot()
    {
        using var guard = Guard();
        var list = new List<ActorCell>(_byId.Values);
        list.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return list;
    }

    /// <summary>Number of registered children.</summary>
    public int Count
    {
        get
        {
            using var guard = Guard();
            return _byId.Count;
        }
    }

    /// <summary>Whether some child was asked to stop and has not finished stopping.</summary>
    public bool AnyStopping()
    {
        using var guard = Guard();
        foreach (var c in _byId.Values)
        {
            if (c.StopRequested) return true;
        }
        return false;
    }

    /// <summary>Restart statistics of a child (created on its first failure).</summary>
    public ChildRestartStats StatsFor(ActorCell child)
    {
        using var guard = Guard();
        _stats ??= [];
        if (!_stats.TryGetValue(child.Id, out var s)) _stats[child.Id] = s = new ChildRestartStats();
        return s;
    }
}
