using System.Collections.Immutable;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Memory;
using MachActors.Pagers.Sdk;

namespace MachActors.Tests.Unit.Scenarios.Conformance;

// Pagers that break one duty each (the seeded bugs of SeededPagerContractTests), and two that bend
// one within the protocol (advisory verdicts). Each is a MemoryPager (ready at once, one store per
// object, returned pages kept) with one step changed.

/// <summary>Never answers init (no ready): breaks "ready".</summary>
public sealed class SilentInitPager(int pageSize) : MemoryPager(pageSize)
{
    protected override void OnInit(MemoryObjectInit init)
    {
    }
}

/// <summary>Supplies half a page: breaks "supply".</summary>
public sealed class HalfPagePager(int pageSize) : MemoryPager(pageSize)
{
    protected override void OnDataRequest(DataRequest request) =>
        Supply(request.Control, request.Offset, Contents(request.Control, request.Offset)[..(PageSize / 2)]);
}

/// <summary>Throws in its data_request handler: stops, breaks "supply".</summary>
public sealed class ThrowingSupplyPager(int pageSize) : MemoryPager(pageSize)
{
    protected override void OnDataRequest(DataRequest request) => throw new InvalidOperationException("seeded data_request bug");
}

/// <summary>Drops every data_return: breaks "return-refault", and "does not persist" across terminate.</summary>
public sealed class ForgetfulPager(int pageSize) : MemoryPager(pageSize)
{
    protected override void OnDataReturn(DataReturn returned)
    {
    }
}

/// <summary>Keeps one store for all its objects, pages found by offset alone: breaks "separate-objects".</summary>
public sealed class OneStorePager(int pageSize) : Pager(pageSize)
{
    private readonly Dictionary<long, ImmutableArray<byte>> _pages = [];

    protected override void OnDataRequest(DataRequest request) =>
        Supply(request.Control, request.Offset, _pages.TryGetValue(request.Offset, out var page) ? page : MemoryPager.Initial(1, request.Offset, PageSize));

    protected override void OnDataReturn(DataReturn returned) => _pages[returned.Offset] = returned.Data;
}

/// <summary>Supplies every page write-locked and lifts the lock on data_unlock (the SDK's default): meets "data-unlock".</summary>
public class WriteLockingPager(int pageSize) : MemoryPager(pageSize)
{
    protected override void OnDataRequest(DataRequest request) =>
        Supply(request.Control, request.Offset, Contents(request.Control, request.Offset), VmProt.Write);
}

/// <summary>Supplies every page write-locked and never answers data_unlock: breaks "data-unlock".</summary>
public sealed class UnlockIgnoringPager(int pageSize) : WriteLockingPager(pageSize)
{
    protected override void OnDataUnlock(DataUnlock unlock)
    {
    }
}

/// <summary>Takes every data_return, whatever control port it names, by offset into object 1: breaks "stale-ports".</summary>
public sealed class StaleTrustingPager(int pageSize) : MemoryPager(pageSize)
{
    private readonly Dictionary<long, ImmutableArray<byte>> _trusted = [];

    protected override void OnReceive(object message)
    {
        if (message is DataReturn returned) _trusted[returned.Offset] = returned.Data; // before the SDK's stale-port filter
        else base.OnReceive(message);
    }

    protected override void OnDataRequest(DataRequest request) =>
        Supply(request.Control, request.Offset, _trusted.TryGetValue(request.Offset, out var page) ? page : Contents(request.Control, request.Offset));
}

/// <summary>Answers each data_request with the page and the next one (read-ahead): "unsolicited" is advisory.</summary>
public sealed class ReadAheadPager(int pageSize) : MemoryPager(pageSize)
{
    protected override void OnDataRequest(DataRequest request) =>
        SupplyPages(request.Control, request.Offset, [Contents(request.Control, request.Offset), Contents(request.Control, request.Offset + PageSize)]);
}
