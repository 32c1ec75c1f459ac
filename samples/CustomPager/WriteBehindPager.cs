using System.Collections.Immutable;
using MachActors.Actors.Timing;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Sdk;

namespace CustomPager;

/// <summary>
/// A deliberately broken pager, for learning to hunt races (README.md, "Hunt a race"). It is
/// <see cref="PatternPager"/> with a write-behind cache done wrong: a returned page is stored only when
/// a simulated disk write finishes, <see cref="WriteDelay"/> later, while a data_request is answered at
/// once from what is stored. When the kernel pages a page out and a thread faults on it again before
/// the write lands, the pager supplies the page's old contents: the spec's race R1 (pageout against a
/// new fault). A program that never touches a page again soon after it is paged out never sees it;
/// `machactors explore vm-pageout-refault`, which re-reads every page while the daemon pages them out,
/// finds it in its first iteration (with a write delay of 8 us instead of 200 it would never hit it, at 9
/// us always: the scenario's timing is virtual, so the same delay gives the same outcome).
/// </summary>
/// <param name="pageSize">The machine's page size, passed by the plugin loader.</param>
public sealed class WriteBehindPager(int pageSize) : Pager(pageSize)
{
    /// <summary>How long the simulated disk write of a returned page takes (virtual time).</summary>
    public static readonly Duration WriteDelay = Duration.FromMicroseconds(200);

    private readonly Dictionary<(long Key, long Offset), ImmutableArray<byte>> _kept = [];
    private long _writes;

    /// <summary>data_request: the stored page, or the pattern, at once (the bug: a write still in flight is not looked at).</summary>
    protected override void OnDataRequest(DataRequest request)
    {
        var key = KeyOf(request.Control);
        var page = _kept.TryGetValue((key, request.Offset), out var kept) ? kept : PatternPager.Pattern(key, request.Offset, PageSize);
        Supply(request.Control, request.Offset, page, lockValue: VmProt.None, precious: false);
    }

    /// <summary>data_return: stored when the simulated disk write finishes.</summary>
    protected override void OnDataReturn(DataReturn returned) =>
        Context.Timers.StartSingleTimer("write-" + ++_writes, new WriteDone(KeyOf(returned.Control), returned.Offset, returned.Data), WriteDelay);

    /// <summary>The pager's own message (a finished disk write); the kernel's go to the SDK.</summary>
    protected override void OnReceive(object message)
    {
        if (message is WriteDone done) _kept[(done.Key, done.Offset)] = done.Data;
        else base.OnReceive(message);
    }

    private sealed record WriteDone(long Key, long Offset, ImmutableArray<byte> Data);
}
