using System.Collections.Immutable;

namespace MachActors.Kernel.Vm;

/// <summary>
/// <see cref="IVmFrames"/> as a <see cref="VmObject"/> actor provides it: frames are taken from
/// <see cref="VmResident"/> by message before a state call needs one (<see cref="Stage"/>, already
/// zero-filled there), and handed out by <see cref="TryAllocate"/>; freed frames are collected for one
/// <see cref="FrameFree"/> message. The object never holds frame bytes: they stay with the resident
/// memory, the only actor that touches them.
/// </summary>
public sealed class StagedFrames : IVmFrames
{
    private readonly Queue<VmFrame> _staged = new();
    private readonly HashSet<VmFrame> _held = [];
    private readonly List<VmFrame> _freed = [];

    /// <summary>Frames the object holds (installed pages).</summary>
    public IReadOnlyCollection<VmFrame> Held => _held;

    /// <summary>Frames staged and not yet installed.</summary>
    public int StagedCount => _staged.Count;

    /// <summary>Makes <paramref name="frame"/> (zero-filled by the resident memory) the next one <see cref="TryAllocate"/> hands out.</summary>
    public void Stage(VmFrame frame) => _staged.Enqueue(frame);

    /// <summary>
    /// Takes the next staged frame. Only zero contents can be honoured (the staged frames are zeros; a
    /// pager's supply will stage frames filled with its data); other contents or no staged frame: false.
    /// </summary>
    public bool TryAllocate(ImmutableArray<byte> contents, out VmFrame frame)
    {
        frame = default;
        if (contents.IsDefault || _staged.Count == 0 || contents.Any(b => b != 0)) return false;
        frame = _staged.Dequeue();
        _held.Add(frame);
        return true;
    }

    /// <summary>
    /// Not available in the actor: the bytes are at the resident memory, and a data_return must read them
    /// there by message first. Returns empty; no path reaches it for anonymous memory (no pager is bound).
    /// </summary>
    public ImmutableArray<byte> Read(VmFrame frame) => [];

    /// <inheritdoc />
    public void Free(VmFrame frame)
    {
        if (_held.Remove(frame)) _freed.Add(frame);
    }

    /// <summary>Frees the staged frames no install took.</summary>
    public void ReleaseStaged()
    {
        _freed.AddRange(_staged);
        _staged.Clear();
    }

    /// <summary>Frees every staged and held frame (the object is going away).</summary>
    public void FreeAll()
    {
        _freed.AddRange(_held);
        _freed.AddRange(_staged);
        _held.Clear();
        _staged.Clear();
    }

    /// <summary>The frames freed since the last take; forgets them.</summary>
    public IReadOnlyList<VmFrame> TakeFreed()
    {
        var taken = _freed.ToArray();
        _freed.Clear();
        return taken;
    }
}
