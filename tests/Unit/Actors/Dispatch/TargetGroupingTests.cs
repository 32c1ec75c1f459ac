using MachActors.Actors.Dispatch;

namespace MachActors.Tests.Unit.Actors.Dispatch;

public sealed class TargetGroupingTests
{
    private static ActorCell[] Cells(ActorSystem sys, int n) =>
        Enumerable.Range(0, n).Select(_ => ((LocalActorRef)sys.Spawn(Props.Create<EchoActor>())).Cell).ToArray();

    [Theory]
    [InlineData(3)]   // found by a linear scan
    [InlineData(40)]  // past the scan limit: found through the dictionary
    public void Assign_InterleavedTargets_GroupsInFirstSendOrderMembersInSendOrder(int targets)
    {
        using var sys = ActorSystem.Create("g");
        var cells = Cells(sys, targets);
        // Items cycle through the targets backwards, three rounds: target t gets items t', t'+n, t'+2n.
        var items = Enumerable.Range(0, 3 * targets)
            .Select(i => new OutboxItem(cells[targets - 1 - i % targets], i, sys.DeadLetters)).ToArray();
        var grouping = new TargetGrouping();

        var groups = grouping.Assign(items);

        Assert.Equal(targets, groups);
        for (var g = 0; g < groups; g++)
        {
            Assert.Same(cells[targets - 1 - g], grouping.Target(g));
            Assert.Equal([g, g + targets, g + 2 * targets], grouping.Members(g).ToArray());
        }
    }

    [Fact]
    public void Clear_ThenAssignOtherTargets_ForgetsTheOldOnes()
    {
        using var sys = ActorSystem.Create("g");
        var cells = Cells(sys, 12);
        var grouping = new TargetGrouping();
        grouping.Assign(cells.Select(c => new OutboxItem(c, "x", null)).ToArray());
        grouping.Clear();

        var groups = grouping.Assign([new OutboxItem(cells[5], "a", null), new OutboxItem(cells[5], "b", null)]);

        Assert.Equal(1, groups);
        Assert.Same(cells[5], grouping.Target(0));
        Assert.Equal([0, 1], grouping.Members(0).ToArray());
    }
}
