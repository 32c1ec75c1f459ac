using MachActors.Kernel.Ipc;

namespace MachActors.Scenarios.Monitors;

/// <summary>
/// A multiset of messages in transit for <see cref="MessageAccountingMonitor"/>. A message is known by
/// its content with the port's stamps cleared (seqno, msg-accepted request), so the copy a port hands
/// out matches the one that was sent; equal messages count separately.
/// </summary>
internal sealed class MessageBag
{
    private readonly Dictionary<KernelMessage, int> _counts = [];

    /// <summary>Messages held.</summary>
    public int Count { get; private set; }

    /// <summary>The message as the bag knows it.</summary>
    public static KernelMessage Key(KernelMessage message) => message.Seqno == 0 && message.Accept is null ? message : message with { Seqno = 0, Accept = null };

    /// <summary>Adds one copy of <paramref name="message"/>.</summary>
    public void Add(KernelMessage message)
    {
        var key = Key(message);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
        Count++;
    }

    /// <summary>Takes one copy of <paramref name="message"/>; false when the bag holds none.</summary>
    public bool Take(KernelMessage message)
    {
        var key = Key(message);
        if (!_counts.TryGetValue(key, out var n)) return false;
        if (n == 1) _counts.Remove(key);
        else _counts[key] = n - 1;
        Count--;
        return true;
    }

    /// <summary>Empties the bag; returns every message it held (one entry per copy).</summary>
    public List<KernelMessage> TakeAll()
    {
        var all = _counts.SelectMany(kv => Enumerable.Repeat(kv.Key, kv.Value)).ToList();
        _counts.Clear();
        Count = 0;
        return all;
    }
}
