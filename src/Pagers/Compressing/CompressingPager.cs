using MachActors.Actors;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Sdk;

namespace MachActors.Pagers.Compressing;

/// <summary>
/// A pager that keeps the pages the kernel returns compressed in its own memory (docs/PAGERS.md,
/// "The compressing pager"), in the spirit of a compressed swap cache: paged-out data costs what it
/// compresses to. On the pager SDK. init: ready, not cached, COPY_DELAY. data_request: a stored page is
/// decompressed and supplied (not precious, no lock); a page never returned is data_unavailable (the
/// kernel zero-fills). data_return: the page is compressed and stored (a page of the wrong size is
/// refused and counted). terminate: the incarnation is forgotten, the pages stay for the next one.
/// <see cref="GetCompressingPagerStats"/> answers <see cref="CompressingPagerStats"/> (pages, bytes raw and
/// compressed, the ratio). Everything happens inside the handler's turn; nothing here throws on kernel input.
/// </summary>
/// <param name="pageSize">The kernel's page size in bytes.</param>
public sealed class CompressingPager(int pageSize) : Pager(pageSize)
{
    private readonly CompressedPageStore _store = new(pageSize);
    private long _returns;
    private long _supplies;
    private long _zeroFills;
    private long _refused;

    /// <summary>The stats now.</summary>
    private CompressingPagerStats Stats => new(_store.Pages, _store.RawBytes, _store.CompressedBytes, _store.RawPages, _returns, _supplies, _zeroFills, _refused);

    /// <summary>GetCompressingPagerStats: replies the stats to the sender. Everything else: the SDK (kernel messages).</summary>
    protected override void OnReceive(object message)
    {
        if (message is GetCompressingPagerStats)
        {
            Sender.Tell(Stats, Self);
            return;
        }
        base.OnReceive(message);
    }

    /// <summary>data_request: the stored page decompressed and supplied; never stored: data_unavailable; undecodable: data_error (KERN_MEMORY_ERROR).</summary>
    protected override void OnDataRequest(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = KeyOf(request.Control);
        if (!_store.Contains(key, request.Offset))
        {
            _zeroFills++;
            Unavailable(request.Control, request.Offset, PageSize);
        }
        else if (_store.TryGet(key, request.Offset, out var page))
        {
            _supplies++;
            Supply(request.Control, request.Offset, page);
        }
        else
        {
            _refused++;
            Error(request.Control, request.Offset, PageSize, KernReturn.MemoryError);
        }
    }

    /// <summary>data_return: the page is compressed and stored (replacing what was stored); a page of the wrong size is counted as refused.</summary>
    protected override void OnDataReturn(DataReturn returned)
    {
        ArgumentNullException.ThrowIfNull(returned);
        if (_store.Put(KeyOf(returned.Control), returned.Offset, returned.Data.AsSpan())) _returns++;
        else _refused++;
    }
}
