using System.Collections.Immutable;

namespace MachActors.Kernel.Vm;

/// <summary>
/// <see cref="IVmFrames"/> as a <see cref="VmObject"/> actor provides it: frames are taken from
/// <see cref="VmResident"/> by message before a state call needs one (<see cref="Stage"/>, zero-filled
/// or filled with a pager's data there), and handed out by <see cref="TryAllocate"/> to the call asking
/// for exactly those contents; freed frames are collected for one <see cref="FrameFree"/> message. The
/// object never holds frame bytes: they stay with the resident memory, the only actor that touches
/// them; a pageout's bytes are fetched from it first and lent here for the one <see cref="Read"/>
/// of the data_return (<see cref="Lend"/>).
/// </summary>
public sealed class StagedFrames : IVmFrames
{
    private readonly List<(VmFrame Frame, ImmutableArray<byte> Contents)> _staged = [];
    private readonly HashSet<VmFrame> _held = [];
    private readonly List<VmFrame> _freed = [];
    private readonly Dictionary<VmFrame, ImmutableArray<byte>> _lent = [];

    /// <summary>Frames the object holds (installed pages).</summary>
    public IReadOnlyCollection<VmFrame> Held => _held;

    /// <summary>Frames staged and not yet installed.</summary>
    public int StagedCount => _staged.Count;

    /// <summary>Makes <paramref name="frame"/>, holding <paramref name="contents"/> (default: zeros) at the resident memory, available to <see cref="TryAllocate"/>.</summary>
    public void Stage(VmFrame frame, ImmutableArray<byte> contents = default) => _staged.Add((frame, contents));

    /// <summary>
    /// Takes the first staged frame holding <paramref name="contents"/> (a zero-filled frame serves
    /// all-zero contents). False when no staged frame holds them.
    /// </summary>
    public bool TryAllocate(ImmutableArray<byte> contents, out VmFrame frame)
    {
        frame = default;
        if (contents.IsDefault) return false;
        var zeros = contents.All(b => b == 0);
        var index = _staged.FindIndex(s => s.Contents.IsDefault ? zeros : s.Contents.AsSpan().SequenceEqual(contents.AsSpan()));
        if (index < 0) return false;
        frame = _staged[index].Frame;
        _staged.RemoveAt(index);
        _held.Add(frame);
        return true;
    }

    /// <summary>Lends the bytes of <paramref name="frame"/>, fetched from the resident memory, for the next <see cref="Read"/> of it.</summary>
    public void Lend(VmFrame frame, ImmutableArray<byte> bytes) => _lent[frame] = bytes;

    /// <summary>
    /// The bytes lent for <paramref name="frame"/> (a pageout's data_return), consumed; empty when none
    /// were lent: the bytes live at the resident memory.
    /// </summary>
    public ImmutableArray<byte> Read(VmFrame frame) => _lent.Remove(frame, out var bytes) ? bytes : [];

    /// <summary>Forgets every lent byte array not read (a snapshot lent more pages than the call returned).</summary>
    public void ClearLent() => _lent.Clear();

    /// <inheritdoc />
    public void Free(VmFrame frame)
    {
        _lent.Remove(frame);
        if (_held.Remove(frame)) _freed.Add(frame);
    }

    /// <summary>The resident memory already freed <paramref name="frame"/> (a clean page evicted): the object no longer holds it and must not free it again.</summary>
    public void Forget(VmFrame frame)
    {
        _held.Remove(frame);
        _lent.Remove(frame);
    }

    /// <summary>Frees the staged frames no install took.</summary>
    public void ReleaseStaged()
    {
        _freed.AddRange(_staged.Select(s => s.Frame));
        _staged.Clear();
    }

    /// <summary>Frees every staged and held frame (the object is going away).</summary>
    public void FreeAll()
    {
        _freed.AddRange(_held);
        _freed.AddRange(_staged.Select(s => s.Frame));
        _held.Clear();
        _staged.Clear();
        _lent.Clear();
    }

    /// <summary>The frames freed since the last take; forgets them.</summary>
    public IReadOnlyList<VmFrame> TakeFreed()
    {
        var taken = _freed.ToArray();
        _freed.Clear();
        return taken;
    }
}
