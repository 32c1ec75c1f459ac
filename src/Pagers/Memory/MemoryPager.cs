using System.Collections.Immutable;
using System.Runtime.InteropServices;
using MachActors.Actors.Timing;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Sdk;

namespace MachActors.Pagers.Memory;

/// <summary>
/// A pager that keeps its memory objects' pages in its own memory (a dictionary per object), for
/// scenarios and examples, written on the pager SDK (<see cref="Pager"/>). A never-written page holds
/// <see cref="Initial"/>. init: ready (not cached, COPY_DELAY); data_request: data_supply of the stored
/// page (or the initial bytes); data_return: stored; data_unlock: a lock_request lifting the lock;
/// terminate: the incarnation is forgotten, the pages stay. With a latency, data_requests are answered
/// that much later (data_returns and later requests are still taken in order, so a request never sees
/// a page older than a return before it). Every step is a virtual method, so a variant (a seeded bug)
/// overrides exactly one. The pager handles its messages in arrival order, which is the order each VM
/// object sent them (I14).
/// </summary>
/// <param name="pageSize">The kernel's page size in bytes.</param>
/// <param name="latency">How long a data_request takes to answer, in virtual time (a store's access time); zero answers at once.</param>
public class MemoryPager(int pageSize, Duration latency = default) : Pager(pageSize)
{
    private long _nextDelayed;

    private readonly Dictionary<(long Key, long Offset), ImmutableArray<byte>> _pages = [];

    /// <summary>The bytes of a never-written page: byte i of object <paramref name="key"/>'s page at <paramref name="offset"/>.</summary>
    /// <remarks>The pattern repeats every 256 bytes, so the first 256 are computed and the rest copied.</remarks>
    public static ImmutableArray<byte> Initial(long key, long offset, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var bytes = GC.AllocateUninitializedArray<byte>(pageSize);
        var first = (byte)((key * 31) + (offset / pageSize * 7));
        for (var i = 0; i < Math.Min(256, pageSize); i++) bytes[i] = (byte)(first + i);
        for (var done = 256; done < pageSize; done *= 2) bytes.AsSpan(0, Math.Min(done, pageSize - done)).CopyTo(bytes.AsSpan(done));
        return ImmutableCollectionsMarshal.AsImmutableArray(bytes);
    }

    /// <summary>Pages stored (written back at least once).</summary>
    protected int StoredPages => _pages.Count;

    /// <summary>
    /// The pager's own messages (a data_request held for the latency, and its answer's turn); the
    /// kernel's go to <see cref="Pager"/>, which keeps the incarnations and calls the steps below.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case DataRequest r when latency > Duration.Zero:
                Context.Timers.StartSingleTimer("request-" + ++_nextDelayed, new Delayed(r), latency);
                break;
            case Delayed d:
                OnDataRequest(d.Request);
                break;
            default:
                base.OnReceive(message);
                break;
        }
    }

    /// <summary>The page of <paramref name="control"/>'s object at <paramref name="offset"/>: stored, or the initial bytes (an incarnation no longer live reads object 0's).</summary>
    protected ImmutableArray<byte> Contents(ControlIncarnation control, long offset)
    {
        var key = KeyOf(control);
        return _pages.TryGetValue((key, offset), out var stored) ? stored : Initial(key, offset, PageSize);
    }

    /// <summary>Stores <paramref name="data"/> as <paramref name="control"/>'s object's page at <paramref name="offset"/>.</summary>
    protected void Store(ControlIncarnation control, long offset, ImmutableArray<byte> data) => _pages[(KeyOf(control), offset)] = data;

    /// <summary>data_request: the page, supplied (not precious, no lock).</summary>
    protected override void OnDataRequest(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Supply(request.Control, request.Offset, Contents(request.Control, request.Offset));
    }

    /// <summary>data_return: the page is stored.</summary>
    protected override void OnDataReturn(DataReturn returned)
    {
        ArgumentNullException.ThrowIfNull(returned);
        Store(returned.Control, returned.Offset, returned.Data);
    }

    /// <summary>A data_request whose answer waited for the pager's latency.</summary>
    private sealed record Delayed(DataRequest Request);
}
