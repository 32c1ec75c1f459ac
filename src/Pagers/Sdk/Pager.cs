using System.Diagnostics.CodeAnalysis;
using MachActors.Actors;
using MachActors.Kernel.Vm;

namespace MachActors.Pagers.Sdk;

/// <summary>
/// The base class of an external pager (docs/PAGERS.md): an actor that serves memory objects over the
/// pager protocol (../shared/spec/pager-protocol.md §2). It keeps the protocol's bookkeeping and leaves
/// the policy to the subclass:
/// <list type="bullet">
/// <item>init: the incarnation (control port -> memory object key, name, page size) is recorded, then
/// <see cref="OnInit"/> runs (by default it answers ready with <see cref="MayCache"/> and
/// <see cref="CopyStrategy"/>);</item>
/// <item>terminate: <see cref="OnTerminate"/> runs, then the incarnation is forgotten;</item>
/// <item>a kernel message naming a control port the pager does not know (never initialised, or
/// already terminated) is ignored and counted in <see cref="StaleMessages"/>, never handed to a
/// handler;</item>
/// <item>every other kernel message goes to its handler: <see cref="OnDataRequest"/>,
/// <see cref="OnDataReturn"/>, <see cref="OnDataUnlock"/>, <see cref="OnLockCompleted"/>,
/// <see cref="OnSupplyCompleted"/>, <see cref="OnChangeCompleted"/>, <see cref="OnAttributes"/>.</item>
/// </list>
/// The calls back to the kernel are the protected helpers of <c>Pager.Calls.cs</c> (data_supply with its
/// lock value and precious flag, data_unavailable, data_error, lock_request, ready,
/// change_attributes, get_attributes, destroy); none of the protocol's choices is made for the author.
/// Messages are handled in arrival order, which is the order each VM object sent them (I14). A pager
/// stays deterministic by using virtual time only (<c>Context.Timers</c>), never wall time or threads.
/// A handler that throws stops the pager (the machine's pager supervisor never restarts one): its
/// objects take the pager-death path (spec R11), and faults waiting on them get memory errors.
/// </summary>
public abstract partial class Pager : Actor
{
    private readonly Dictionary<ControlIncarnation, MemoryObjectInit> _objects = [];

    /// <summary>A pager for a kernel whose pages are <paramref name="pageSize"/> bytes.</summary>
    /// <param name="pageSize">The kernel's page size in bytes (every init carries it too).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not positive.</exception>
    protected Pager(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        PageSize = pageSize;
    }

    /// <summary>The kernel's page size in bytes.</summary>
    protected int PageSize { get; }

    /// <summary>What the default <see cref="OnInit"/> answers as may_cache: keep the VM object and its pages after the last unmap. Default false.</summary>
    protected virtual bool MayCache => false;

    /// <summary>What the default <see cref="OnInit"/> answers as the copy strategy. Default COPY_DELAY (the only one the kernel implements for copies).</summary>
    protected virtual VmCopyStrategy CopyStrategy => VmCopyStrategy.Delay;

    /// <summary>Kernel messages ignored because they named a control port the pager does not know (never initialised or terminated).</summary>
    protected long StaleMessages { get; private set; }

    /// <summary>Default-pager-only messages (memory_object_create, data_initialize) ignored: an external pager never serves internal objects.</summary>
    protected long IgnoredMessages { get; private set; }

    /// <summary>Incarnations live now (initialised, not yet terminated).</summary>
    protected int LiveIncarnations => _objects.Count;

    /// <summary>Whether <paramref name="control"/> is a live incarnation; its init (memory object key, name, page size) when it is.</summary>
    protected bool TryGetIncarnation(ControlIncarnation control, [MaybeNullWhen(false)] out MemoryObjectInit init) =>
        _objects.TryGetValue(control, out init);

    /// <summary>The memory object key of the live incarnation <paramref name="control"/> (the key its port was made with), or 0 when it is not live.</summary>
    protected long KeyOf(ControlIncarnation control) => _objects.TryGetValue(control, out var init) ? init.Key : 0;

    /// <summary>
    /// Kernel -> pager messages (<see cref="PagerMessage"/>): bookkeeping, then the handler (see the
    /// class comment). Anything else is unhandled. A subclass that takes messages of its own (timers,
    /// completions of its own I/O) overrides this, handles them, and passes the rest to the base.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case MemoryObjectInit init:
                _objects[init.Control] = init;
                OnInit(init);
                break;
            case Terminate terminate when Live(terminate.Control):
                OnTerminate(terminate);
                _objects.Remove(terminate.Control);
                break;
            case DataRequest request when Live(request.Control):
                OnDataRequest(request);
                break;
            case DataReturn returned when Live(returned.Control):
                OnDataReturn(returned);
                break;
            case DataUnlock unlock when Live(unlock.Control):
                OnDataUnlock(unlock);
                break;
            case LockCompleted completed when Live(completed.Control):
                OnLockCompleted(completed);
                break;
            case SupplyCompleted completed when Live(completed.Control):
                OnSupplyCompleted(completed);
                break;
            case ChangeCompleted completed:
                OnChangeCompleted(completed);
                break;
            case AttributesReply reply:
                OnAttributes(reply);
                break;
            case MemoryObjectCreate or DataInitialize:
                IgnoredMessages++;
                break;
            case PagerMessage:
                StaleMessages++; // a message of the protocol on a control port not live here
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private bool Live(ControlIncarnation control) => _objects.ContainsKey(control);

    /// <summary>
    /// memory_object_init: a kernel starts using memory object <c>init.Key</c>; <c>init.Control</c> is
    /// recorded already. Contract: the kernel sends no data_request or data_unlock for the object until
    /// the pager answers ready (<see cref="SetReady"/> or <see cref="ChangeAttributes"/>); faults wait
    /// meanwhile (at most the machine's pager timeout). To refuse the object, answer
    /// <see cref="Destroy"/>. Default: ready at once with <see cref="MayCache"/> and <see cref="CopyStrategy"/>.
    /// </summary>
    /// <param name="init">The init: control port, name, page size, key.</param>
    protected virtual void OnInit(MemoryObjectInit init)
    {
        ArgumentNullException.ThrowIfNull(init);
        SetReady(init.Control, MayCache, CopyStrategy);
    }

    /// <summary>
    /// memory_object_data_request: a fault needs the page at <c>request.Offset</c> (one page, at least
    /// <c>request.DesiredAccess</c>). Contract: answer exactly once, now or later (a timer), with
    /// <see cref="Supply"/> (choosing the lock value and whether the page is precious),
    /// <see cref="Unavailable"/> (zero fill) or <see cref="Error"/> (the faulting threads take
    /// EXC_BAD_ACCESS with KERN_MEMORY_ERROR). Silence makes the fault fail at the machine's pager timeout.
    /// Never supply writable data again while the kernel may still hold modifications of it (spec I4).
    /// </summary>
    /// <param name="request">The request.</param>
    protected abstract void OnDataRequest(DataRequest request);

    /// <summary>
    /// memory_object_data_return: the kernel hands a page back (pageout, lock_request cleaning, or the
    /// end of the incarnation; every return comes before the incarnation's terminate, I10). The pager
    /// owns <c>returned.Data</c>. Flags: <c>Dirty</c> = the page was modified (false: a clean precious
    /// page handed back, the pager's copy is current); <c>KernelCopy</c> = the kernel kept a copy (a
    /// clean-without-flush return; a non-precious kept copy may later be dropped without a word).
    /// Contract: no answer is expected. A later data_request for the page is sent after this return, so
    /// a pager that stores the bytes here serves them next.
    /// </summary>
    /// <param name="returned">The returned page.</param>
    protected abstract void OnDataReturn(DataReturn returned);

    /// <summary>
    /// memory_object_data_unlock: a resident page's lock (the lock value of its supply or of a
    /// lock_request) forbids <c>unlock.DesiredAccess</c>, and a thread waits for it (I7). Contract: answer
    /// with a <see cref="Lock"/> that reaches the page (any lock_request touching it wakes the waiter),
    /// or leave the thread to fail at the pager timeout. Default: lift the lock (lock_request with lock
    /// value NONE, nothing returned or flushed, no reply).
    /// </summary>
    /// <param name="unlock">The unlock request.</param>
    protected virtual void OnDataUnlock(DataUnlock unlock)
    {
        ArgumentNullException.ThrowIfNull(unlock);
        Lock(unlock.Control, unlock.Offset, unlock.Length, LockReturnPolicy.None, false, VmProt.None);
    }

    /// <summary>
    /// memory_object_lock_completed: a <see cref="Lock"/> whose reply_to was this pager has finished; every
    /// data_return it caused was delivered before this. Contract: no answer. Default: nothing.
    /// </summary>
    /// <param name="completed">The completion: the request's offset and size.</param>
    protected virtual void OnLockCompleted(LockCompleted completed)
    {
    }

    /// <summary>
    /// memory_object_supply_completed: a <see cref="Supply"/> whose reply_to was this pager was applied;
    /// <c>Result</c> is Success, or MemoryPresent with <c>ErrorOffset</c> the first page refused (it was
    /// resident already). Contract: no answer. Default: nothing.
    /// </summary>
    /// <param name="completed">The completion.</param>
    protected virtual void OnSupplyCompleted(SupplyCompleted completed)
    {
    }

    /// <summary>
    /// memory_object_change_completed: a <see cref="ChangeAttributes"/> whose reply_to was this pager took
    /// effect. It names no control port on purpose (the change may have terminated the object, whose
    /// terminate then came first: I12, R5). Contract: no answer. Default: nothing.
    /// </summary>
    /// <param name="completed">The object's attributes now.</param>
    protected virtual void OnChangeCompleted(ChangeCompleted completed)
    {
    }

    /// <summary>The answer to <see cref="GetAttributes"/>. Contract: no answer. Default: nothing.</summary>
    /// <param name="reply">Ready, may_cache and copy strategy.</param>
    protected virtual void OnAttributes(AttributesReply reply)
    {
    }

    /// <summary>
    /// memory_object_terminate: the incarnation's last message; every data_return of it came before.
    /// Contract: no answer; calls on this control port are ignored by the kernel from now on, and a later
    /// mapping of the memory object starts a new incarnation with a new init. The incarnation is still
    /// known while this runs (<see cref="KeyOf"/>) and forgotten after. Default: nothing.
    /// </summary>
    /// <param name="terminate">The terminate.</param>
    protected virtual void OnTerminate(Terminate terminate)
    {
    }
}
