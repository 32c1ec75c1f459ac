using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Pagers.Default;

/// <summary>
/// One incarnation of one memory object as the default pager sees it: the messages waiting for an
/// earlier seqno, the next seqno to admit, and the I/O in flight (mach-defpager's per-object
/// sequence lock plus reader and writer counts).
/// </summary>
internal sealed class PagerObjectQueue(ControlIncarnation control)
{
    /// <summary>The incarnation (where answers go).</summary>
    public ControlIncarnation Control { get; } = control;

    /// <summary>memory_object_create has been admitted: <see cref="NextSeqno"/> and <see cref="MemoryObject"/> are known.</summary>
    public bool Created { get; set; }

    /// <summary>The memory object (key of the swap map).</summary>
    public long MemoryObject { get; set; }

    /// <summary>The object's storage in the swap map is this incarnation's (false when create was refused).</summary>
    public bool OwnsStorage { get; set; }

    /// <summary>Success, or the code every request is answered with because create was refused.</summary>
    public KernReturn Refused { get; set; }

    /// <summary>The seqno admitted next.</summary>
    public long NextSeqno { get; set; }

    /// <summary>Messages not yet admitted, by seqno.</summary>
    public SortedDictionary<long, PagerMessage> Held { get; } = [];

    /// <summary>Disk reads in flight.</summary>
    public int Reads { get; set; }

    /// <summary>Disk writes in flight.</summary>
    public int Writes { get; set; }

    /// <summary>Disk requests in flight per page offset.</summary>
    public Dictionary<long, int> PageIo { get; } = [];

    /// <summary>True when the page at <paramref name="offset"/> has a disk request in flight.</summary>
    public bool PageBusy(long offset) => PageIo.ContainsKey(offset);

    /// <summary>One more request in flight on <paramref name="offset"/>.</summary>
    public void BeginIo(long offset) => PageIo[offset] = PageIo.GetValueOrDefault(offset) + 1;

    /// <summary>One request on <paramref name="offset"/> completed.</summary>
    public void EndIo(long offset)
    {
        var left = PageIo.GetValueOrDefault(offset) - 1;
        if (left > 0) PageIo[offset] = left;
        else PageIo.Remove(offset);
    }
}
