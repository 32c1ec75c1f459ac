namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>The serializability checker on hand-written receipt logs: it is not vacuous.</summary>
public class PrecedenceGraphTests
{
    private static MsgId Host(int tell) => new(-1, tell, 0);

    [Fact]
    public void TwoMultiTargetHandlersInterleavedAtTwoReceiversFormACycle()
    {
        // a0 and a1 each send to a2 and a3 in one handler. a2 sees a0's message first, a3 sees a1's first:
        // serially a0 would have to run both before and after a1.
        var receipts = new[]
        {
            new[] { Host(0) },
            new[] { Host(1) },
            new[] { new MsgId(0, 0, 0), new MsgId(1, 0, 0) },
            new[] { new MsgId(1, 0, 1), new MsgId(0, 0, 1) },
        };
        var violation = new PrecedenceGraph(receipts).Violation();
        Assert.NotNull(violation);
        Assert.Contains("cycle", violation);
        Assert.Contains("a0[0]", violation);
        Assert.Contains("a1[0]", violation);
    }

    [Fact]
    public void AMessageOvertakingTheMessageThatCausedItFormsACycle()
    {
        // a0 sends m to a1 and n to a2 in one handler; a1, on m, sends p to a2; a2 receives p before n.
        // Serially n is in a2's mailbox before a1 even runs.
        var receipts = new[]
        {
            new[] { Host(0) },
            new[] { new MsgId(0, 0, 0) },
            new[] { new MsgId(1, 0, 0), new MsgId(0, 0, 1) },
        };
        Assert.Contains("cycle", new PrecedenceGraph(receipts).Violation());
    }

    [Fact]
    public void AHandlerOvertakingItsOwnEarlierHandlerFormsACycle()
    {
        // a0's second handler's message reaches a1 before its first handler's message.
        var receipts = new[]
        {
            new[] { Host(0), Host(1) },
            new[] { new MsgId(0, 1, 0), new MsgId(0, 0, 0) },
        };
        Assert.Contains("program order", new PrecedenceGraph(receipts).Violation());
    }

    [Fact]
    public void OneHandlersMessagesOutOfOrderBreakFifo()
    {
        var receipts = new[]
        {
            new[] { Host(0) },
            new[] { new MsgId(0, 0, 1), new MsgId(0, 0, 0) },
        };
        Assert.Contains("FIFO", new PrecedenceGraph(receipts).Violation());
    }

    [Fact]
    public void ASerialRunIsAcceptedAndItsOrderRespectsEveryEdge()
    {
        // host -> a0; a0 sends to a1 and a2; a1 forwards to a2; a2 receives a0's message first, as serially.
        var receipts = new[]
        {
            new[] { Host(0) },
            new[] { new MsgId(0, 0, 0) },
            new[] { new MsgId(0, 0, 1), new MsgId(1, 0, 0) },
        };
        var graph = new PrecedenceGraph(receipts);
        Assert.Null(graph.Violation());
        var order = graph.TopologicalOrder()!.ToList();
        Assert.Equal(5, order.Count);
        Assert.True(order.IndexOf(new(-1, 0)) < order.IndexOf(new(0, 0)));
        Assert.True(order.IndexOf(new(0, 0)) < order.IndexOf(new(1, 0)));
        Assert.True(order.IndexOf(new(1, 0)) < order.IndexOf(new(2, 1)));
    }

    [Fact]
    public void HostTellsAreSeparateStepsSoAnActorMayAnswerBetweenThem()
    {
        // The host tells a0, then a1. a0, on the first tell, sends to a1, and that arrives before the host's second
        // tell: serial (host[0], a0[0], host[1]), because host Tells are not one atomic handler.
        var receipts = new[]
        {
            new[] { Host(0) },
            new[] { new MsgId(0, 0, 0), Host(1) },
        };
        Assert.Null(new PrecedenceGraph(receipts).Violation());
    }
}
