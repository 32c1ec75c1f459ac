using System.Runtime.InteropServices;

namespace MachActors.Actors.Dispatch;

/// <summary>
/// Groups the items of an <see cref="Outbox"/> by target in linear time: group numbers in order of
/// each target's first item, and each group's item indices in their original order (a stable
/// counting sort). Reused across releases; a few targets are found by a linear scan, many through a
/// dictionary.
/// </summary>
internal sealed class TargetGrouping
{
    private const int ScanLimit = 8;
    private readonly List<ActorCell> _targets = [];
    private readonly Dictionary<ActorCell, int> _index = new(ReferenceEqualityComparer.Instance);
    private int[] _groupOf = new int[16];
    private int[] _order = new int[16];
    private int[] _start = new int[17];

    /// <summary>Assigns every item to its target's group; returns the number of groups.</summary>
    public int Assign(ReadOnlySpan<OutboxItem> items)
    {
        var count = items.Length;
        if (_groupOf.Length < count)
        {
            _groupOf = new int[count * 2];
            _order = new int[count * 2];
        }
        for (var i = 0; i < count; i++) _groupOf[i] = GroupOf(items[i].Target);
        var groups = _targets.Count;
        if (_start.Length < groups + 1) _start = new int[groups * 2 + 1];
        Array.Clear(_start, 0, groups + 1);
        for (var i = 0; i < count; i++) _start[_groupOf[i] + 1]++;
        for (var g = 0; g < groups; g++) _start[g + 1] += _start[g];
        Span<int> next = groups <= 64 ? stackalloc int[groups] : new int[groups];
        _start.AsSpan(0, groups).CopyTo(next);
        for (var i = 0; i < count; i++) _order[next[_groupOf[i]]++] = i;
        return groups;
    }

    /// <summary>The target of group <paramref name="group"/>.</summary>
    public ActorCell Target(int group) => _targets[group];

    /// <summary>The item indices of group <paramref name="group"/>, in their original order.</summary>
    public ReadOnlySpan<int> Members(int group) => _order.AsSpan(_start[group], _start[group + 1] - _start[group]);

    /// <summary>Forgets the targets (keeps the buffers).</summary>
    public void Clear()
    {
        _targets.Clear();
        _index.Clear();
    }

    private int GroupOf(ActorCell target)
    {
        if (_targets.Count <= ScanLimit)
        {
            for (var g = 0; g < _targets.Count; g++)
            {
                if (ReferenceEquals(_targets[g], target)) return g;
            }
            if (_targets.Count < ScanLimit)
            {
                _targets.Add(target);
                return _targets.Count - 1;
            }
            for (var g = 0; g < _targets.Count; g++) _index[_targets[g]] = g;
        }
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, target, out var exists);
        if (!exists)
        {
            slot = _targets.Count;
            _targets.Add(target);
        }
        return slot;
    }
}
