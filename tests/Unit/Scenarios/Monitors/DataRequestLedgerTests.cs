using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;
using MachActors.Kernel.Vm;
using MachActors.Scenarios.Monitors;

namespace MachActors.Tests.Unit.Scenarios.Monitors;

/// <summary>The data_request ledger (spec I1, property e) on hand-made trace events: VM object a5, pager a9, pages of 4,096 bytes.</summary>
public sealed class DataRequestLedgerTests
{
    private const int PageSize = 4096;
    private const int Object = 5;
    private const int Pager = 9;

    private static TraceEvent Event(TraceKind kind, int actor, int other, object? message) => new(kind, VirtualTime.Zero, 0, actor, other, message, null);

    private static string? Request(DataRequestLedger ledger, long seqno, long offset, int obj = Object) =>
        ledger.OnEvent(Event(TraceKind.Send, obj, Pager, new DataRequest(seqno, default, offset, PageSize, VmProt.Read)));

    private static void Deliver(DataRequestLedger ledger, object message) => ledger.OnEvent(Event(TraceKind.Deliver, Object, Pager, message));

    [Fact]
    public void SecondRequestForAnOutstandingPage_IsTheViolation()
    {
        var ledger = new DataRequestLedger(PageSize);

        Assert.Null(Request(ledger, 1, 0));
        Assert.Null(Request(ledger, 2, PageSize));
        var violation = Request(ledger, 3, 0);

        Assert.Equal("VM object a5 sent data_request #3 for offset 0 while #1 is outstanding", violation);
        Assert.Equal(3, ledger.Requests);
    }

    [Fact]
    public void SameOffsetOfAnotherObject_IsNoViolation()
    {
        var ledger = new DataRequestLedger(PageSize);

        Request(ledger, 1, 0);

        Assert.Null(Request(ledger, 1, 0, obj: 6));
    }

    [Fact]
    public void Supply_AnswersItsPages_ThenARequestIsAllowed()
    {
        var ledger = new DataRequestLedger(PageSize);
        Request(ledger, 1, 0);
        Request(ledger, 2, PageSize);

        Deliver(ledger, new DataSupply(default, 0, [ImmutableArray.Create(new byte[PageSize]), ImmutableArray.Create(new byte[PageSize])], VmProt.None, false, null));

        Assert.Equal(0, ledger.Outstanding);
        Assert.Null(Request(ledger, 3, 0));
    }

    [Fact]
    public void UnavailableAndError_AnswerEveryPageOfTheirSize()
    {
        var ledger = new DataRequestLedger(PageSize);
        Request(ledger, 1, 0);
        Request(ledger, 2, PageSize);
        Request(ledger, 3, 4 * PageSize);

        Deliver(ledger, new DataUnavailable(default, 0, 2 * PageSize));
        Assert.Equal(1, ledger.Outstanding);
        Deliver(ledger, new DataError(default, 4 * PageSize, 1, MachActors.Kernel.KernReturn.MemoryError));

        Assert.Equal(0, ledger.Outstanding);
    }

    [Fact]
    public void TerminateSentPagerDeathOrStop_ForgetTheObjectsRequests()
    {
        var ledger = new DataRequestLedger(PageSize);
        var ends = new[]
        {
            Event(TraceKind.Send, Object, Pager, new Terminate(9, default, 1)),
            Event(TraceKind.Deliver, Object, 0, new Terminated(null!)),
            Event(TraceKind.Stop, Object, 0, null),
        };
        foreach (var end in ends)
        {
            Request(ledger, 1, 0);
            Request(ledger, 2, 0, obj: 6);

            Assert.Null(ledger.OnEvent(end));

            Assert.Equal(1, ledger.Outstanding);
            Assert.Null(Request(ledger, 3, 0));
            ledger.OnEvent(Event(TraceKind.Stop, Object, 0, null));
            ledger.OnEvent(Event(TraceKind.Stop, 6, 0, null));
        }
    }
}
