using System.Collections.Concurrent;
using System.Collections.Immutable;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm.Pagers;

/// <summary>What a test pager saw and stores, readable by the test after a run (safe under the parallel dispatcher).</summary>
public sealed class PagerLog
{
    /// <summary>Every kernel -> pager message, in arrival order.</summary>
    public ConcurrentQueue<PagerMessage> Received { get; } = new();

    /// <summary>The pager's backing store: (key, offset) -> the page's bytes.</summary>
    public ConcurrentDictionary<(long Key, long Offset), byte[]> Store { get; } = new();

    /// <summary>The messages of type <typeparamref name="T"/>, in order.</summary>
    public List<T> Of<T>() => [.. Received.OfType<T>()];

    /// <summary>The names of the messages' types, in order.</summary>
    public List<string> Kinds() => [.. Received.Select(m => m.GetType().Name)];
}

/// <summary>Host -> test pager: run <paramref name="Run"/> inside the pager's turn (e.g. send a lock_request now).</summary>
/// <param name="Run">The action.</param>
public sealed record PagerCommand(Action<TestPager> Run);

/// <summary>
/// A well-behaved in-memory pager actor (the base of the hostile ones): init -> ready; data_request ->
/// data_supply of the stored page, or of <see cref="Pattern"/> when none is stored; data_return ->
/// stored; data_unlock -> a lock_request relaxing the lock. Each step is a virtual method a hostile
/// pager overrides.
/// </summary>
public class TestPager(PagerLog log, int pageSize, bool mayCache = false) : Actor
{
    private readonly Dictionary<ControlIncarnation, long> _keys = [];
    private readonly Dictionary<long, ControlIncarnation> _current = [];

    /// <summary>The log shared with the test.</summary>
    protected PagerLog Log { get; } = log;

    /// <summary>The kernel's page size.</summary>
    protected int PageSize { get; } = pageSize;

    /// <summary>The bytes a never-written page of object <paramref name="key"/> holds at <paramref name="offset"/>.</summary>
    public static byte[] Pattern(long key, long offset, int size) =>
        [.. Enumerable.Range(0, size).Select(i => (byte)((key * 17) + (offset / size * 7) + i + 1))];

    /// <summary>The pager's own ref (a reply_to for its calls).</summary>
    public IActorRef Me => Self;

    /// <summary>The current incarnation of object <paramref name="key"/> (the last init's control port).</summary>
    public ControlIncarnation Control(long key) => _current[key];

    /// <summary>The key of the object the control port <paramref name="control"/> belongs to.</summary>
    protected long KeyOf(ControlIncarnation control) => _keys.GetValueOrDefault(control);

    /// <summary>Sends a pager -> kernel call on the control port it names.</summary>
    public void Send(PagerControlMessage message) => message.Control.Object.Tell(message, Self);

    /// <summary>The stored page (or the pattern) of <paramref name="control"/>'s object at <paramref name="offset"/>.</summary>
    protected ImmutableArray<byte> Contents(ControlIncarnation control, long offset)
    {
        var key = KeyOf(control);
        return [.. Log.Store.TryGetValue((key, offset), out var stored) ? stored : Pattern(key, offset, PageSize)];
    }

    /// <summary>Logs, then hands each message to its step.</summary>
    protected override void OnReceive(object message)
    {
        if (message is PagerMessage m) Log.Received.Enqueue(m);
        switch (message)
        {
            case MemoryObjectInit i:
                _keys[i.Control] = i.Key;
                _current[i.Key] = i.Control;
                OnInit(i);
                break;
            case DataRequest r:
                OnDataRequest(r);
                break;
            case DataReturn d:
                Log.Store[(KeyOf(d.Control), d.Offset)] = [.. d.Data];
                break;
            case DataUnlock u:
                OnDataUnlock(u);
                break;
            case PagerCommand c:
                c.Run(this);
                break;
        }
    }

    /// <summary>init: ready (may_cache as constructed).</summary>
    protected virtual void OnInit(MemoryObjectInit init) => Send(new Ready(init.Control, mayCache, VmCopyStrategy.Delay));

    /// <summary>data_request: one page supplied.</summary>
    protected virtual void OnDataRequest(DataRequest request) =>
        Send(new DataSupply(request.Control, request.Offset, [Contents(request.Control, request.Offset)], VmProt.None, false, null));

    /// <summary>data_unlock: the lock is lifted.</summary>
    protected virtual void OnDataUnlock(DataUnlock unlock) =>
        Send(new LockRequest(unlock.Control, unlock.Offset, unlock.Length, LockReturnPolicy.None, false, VmProt.None, null));
}
