using MachActors.Actors.Timing;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Memory;

namespace MachActors.Tests.Coyote.SeededPagers;

/// <summary>
/// The seeded bug (spec R1, on the pager's side): a pager with a write-behind queue. It takes a
/// data_return at once but stores the page only when its queue is flushed, <see cref="FlushDelay"/>
/// later, and answers data_requests from its store without looking in the queue: a page paged out and
/// faulted in again before the flush comes back with its old contents.
/// </summary>
public sealed class WriteBehindPager(int pageSize) : MemoryPager(pageSize, Duration.Zero)
{
    /// <summary>How long a returned page waits in the write-behind queue.</summary>
    public static readonly Duration FlushDelay = Duration.FromMilliseconds(2);

    private long _queued;

    /// <summary>data_return: queued; stored at the flush.</summary>
    protected override void OnDataReturn(DataReturn returned) =>
        Context.Timers.StartSingleTimer("flush-" + ++_queued, new Flush(returned), FlushDelay);

    /// <summary>Flush: the queued store; everything else as the correct pager.</summary>
    protected override void OnReceive(object message)
    {
        if (message is Flush flush) base.OnDataReturn(flush.Returned);
        else base.OnReceive(message);
    }

    private sealed record Flush(DataReturn Returned);
}
