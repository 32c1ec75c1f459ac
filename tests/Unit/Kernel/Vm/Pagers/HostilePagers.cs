using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm.Pagers;

/// <summary>Never answers init (no ready): faults wait for readiness until the pager timeout.</summary>
public sealed class MuteInitPager(PagerLog log, int pageSize) : TestPager(log, pageSize)
{
    /// <inheritdoc />
    protected override void OnInit(MemoryObjectInit init)
    {
    }
}

/// <summary>Says ready but never answers data_request.</summary>
public sealed class SilentPager(PagerLog log, int pageSize) : TestPager(log, pageSize)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request)
    {
    }
}

/// <summary>Answers every data_request with data_error.</summary>
public sealed class ErrorPager(PagerLog log, int pageSize) : TestPager(log, pageSize)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request) =>
        Send(new DataError(request.Control, request.Offset, request.Length, KernReturn.Failure));
}

/// <summary>Throws while handling a data_request (a bug in the pager): the supervisor stops it.</summary>
public sealed class ThrowingPager(PagerLog log, int pageSize) : TestPager(log, pageSize)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request) => throw new InvalidOperationException("pager bug");
}

/// <summary>Stops itself when a data_request arrives (dies with the fault pending).</summary>
public sealed class DyingPager(PagerLog log, int pageSize) : TestPager(log, pageSize)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request) => Context.Stop(Self);
}

/// <summary>Answers a data_request with its page and stops itself at once (dies right after the supply).</summary>
public sealed class SupplyThenDiePager(PagerLog log, int pageSize) : TestPager(log, pageSize)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request)
    {
        base.OnDataRequest(request);
        Context.Stop(Self);
    }
}

/// <summary>
/// Answers a data_request with a malformed supply: a page of the wrong size, or at an unaligned
/// offset; never with the right data, so the fault waits until the timeout.
/// </summary>
public sealed class MalformedSupplyPager(PagerLog log, int pageSize, bool unaligned) : TestPager(log, pageSize)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request)
    {
        if (unaligned) Send(new DataSupply(request.Control, request.Offset + 1, [Contents(request.Control, request.Offset)], VmProt.None, false, null));
        else Send(new DataSupply(request.Control, request.Offset, [[.. new byte[PageSize / 2]]], VmProt.None, false, null));
    }
}

/// <summary>Supplies every requested page twice (the second with other bytes), asking for supply_completed both times.</summary>
public sealed class DuplicateSupplyPager(PagerLog log, int pageSize) : TestPager(log, pageSize)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request)
    {
        Send(new DataSupply(request.Control, request.Offset, [Contents(request.Control, request.Offset)], VmProt.None, false, Self));
        Send(new DataSupply(request.Control, request.Offset, [[.. new byte[PageSize]]], VmProt.None, false, Self));
    }
}

/// <summary>With ready it also supplies, unasked, page 1 of the object, with <see cref="Unsolicited"/> bytes.</summary>
public sealed class EagerPager(PagerLog log, int pageSize) : TestPager(log, pageSize)
{
    /// <summary>The unsolicited page's first byte.</summary>
    public const byte Unsolicited = 0xA5;

    /// <inheritdoc />
    protected override void OnInit(MemoryObjectInit init)
    {
        base.OnInit(init);
        Send(new DataSupply(init.Control, PageSize, [[.. Enumerable.Repeat(Unsolicited, PageSize)]], VmProt.None, false, null));
    }
}

/// <summary>Supplies pages precious (the kernel must hand them back, I9).</summary>
public sealed class PreciousPager(PagerLog log, int pageSize) : TestPager(log, pageSize)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request) =>
        Send(new DataSupply(request.Control, request.Offset, [Contents(request.Control, request.Offset)], VmProt.None, true, null));
}

/// <summary>Supplies every page write-locked and never answers data_unlock: a write fault waits for the unlock until the pager timeout.</summary>
public sealed class SilentUnlockPager(PagerLog log, int pageSize) : TestPager(log, pageSize)
{
    /// <inheritdoc />
    protected override void OnDataRequest(DataRequest request) =>
        Send(new DataSupply(request.Control, request.Offset, [Contents(request.Control, request.Offset)], VmProt.Write, false, null));

    /// <inheritdoc />
    protected override void OnDataUnlock(DataUnlock unlock)
    {
    }
}
