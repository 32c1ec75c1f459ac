using MachActors.Actors.Timing;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix.Server;

/// <summary>nanosleep's queue without a machine: deadlines in order, ties in arrival order, cancel with the time left.</summary>
public sealed class SleepQueueTests
{
    private static VirtualTime At(long ms) => VirtualTime.Zero + Duration.FromMilliseconds(ms);

    [Fact]
    public void Due_SeveralDeadlines_EarliestFirstTiesInOrderAndNextDeadlineFollows()
    {
        var q = new SleepQueue();
        q.Add(1, At(30));
        q.Add(2, At(10));
        q.Add(3, At(10));

        Assert.Equal(At(10), q.NextDeadline);
        Assert.Empty(q.Due(At(9)));
        Assert.Equal([2L, 3L], q.Due(At(10)));
        Assert.Equal(At(30), q.NextDeadline);
        Assert.Equal([1L], q.Due(At(100)));
        Assert.Null(q.NextDeadline);
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void Cancel_BeforeOrAfterDeadlineOrUnknown_TimeLeftZeroOrNull()
    {
        var q = new SleepQueue();
        q.Add(1, At(50));
        q.Add(2, At(20));

        Assert.Equal(Duration.FromMilliseconds(30), q.Cancel(1, At(20)));
        Assert.Equal(Duration.Zero, q.Cancel(2, At(25)));
        Assert.Null(q.Cancel(1, At(25)));
        Assert.Empty(q.Due(At(1000)));
    }
}
