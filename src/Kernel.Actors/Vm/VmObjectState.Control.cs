using MachActors.Actors;

namespace MachActors.Kernel.Vm;

public sealed partial class VmObjectState
{
    private (IActorRef Pager, ControlIncarnation Control)? _pendingBind;

    /// <summary>
    /// First mapping of the memory object <paramref name="pager"/> by this kernel: a new incarnation
    /// <paramref name="control"/>. Effects: init (faults wait for ready, I3). While the previous
    /// incarnation is terminating, init waits until its terminate was emitted (I11, R4). A terminated
    /// object starts afresh. Returns InvalidArgument for an id used before, Failure when already bound.
    /// </summary>
    public KernReturn Bind(IActorRef pager, ControlIncarnation control)
    {
        ArgumentNullException.ThrowIfNull(pager);
        if (IdUsed(control.Id)) return KernReturn.InvalidArgument;
        if (Life == VmObjectLife.Terminating)
        {
            if (_pendingBind is not null) return KernReturn.Failure;
            _pendingBind = (pager, control);
            return KernReturn.Success;
        }
        if (Life == VmObjectLife.Active && Binding != VmPagerBinding.None) return KernReturn.Failure;
        StartIncarnation(pager, control, VmPagerBinding.InitSent);
        var name = Name;
        var pageSize = PageSize;
        var key = MemoryObjectKey;
        Emit(pager, s => new MemoryObjectInit(s, control, name, pageSize, key));
        return KernReturn.Success;
    }

    /// <summary>
    /// Anonymous memory gets its pager (vm_object_pager_create): the default pager
    /// <paramref name="defaultPager"/> receives the new memory object <paramref name="memoryObject"/>.
    /// Effects: create; the object is ready at once, internal, may_cache false, COPY_DELAY.
    /// Returns Failure when already bound or not active, InvalidArgument for an id used before.
    /// </summary>
    public KernReturn CreateForDefaultPager(IActorRef defaultPager, ControlIncarnation control, long memoryObject, long size)
    {
        ArgumentNullException.ThrowIfNull(defaultPager);
        if (IdUsed(control.Id)) return KernReturn.InvalidArgument;
        if (Life != VmObjectLife.Active || Binding != VmPagerBinding.None) return KernReturn.Failure;
        StartIncarnation(defaultPager, control, VmPagerBinding.Ready);
        Internal = true;
        MayCache = false;
        CopyStrategy = VmCopyStrategy.Delay;
        var name = Name;
        var pageSize = PageSize;
        Emit(defaultPager, s => new MemoryObjectCreate(s, memoryObject, size, control, name, pageSize));
        return KernReturn.Success;
    }

    private bool IdUsed(long id) => _pastIncarnations.Contains(id) || Control?.Id == id;

    private void StartIncarnation(IActorRef pager, ControlIncarnation control, VmPagerBinding binding)
    {
        Life = VmObjectLife.Active;
        Pager = pager;
        Control = control;
        Binding = binding;
        Internal = false;
    }

    /// <summary>
    /// A call from a pager on a control port (spec §2.2). A call on a port of an ended incarnation, or one
    /// never issued, is ignored and counted (rule 3): InvalidName. Otherwise the call's own rules apply
    /// (see <see cref="VmObjectEffect"/> and the per-call handlers); a malformed call is counted and
    /// answered InvalidArgument without effects. Never throws for pager input.
    /// </summary>
    public KernReturn Receive(PagerControlMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Accept(message.Control)) return KernReturn.InvalidName;
        return message switch
        {
            Ready m => OnReady(m.MayCache, m.CopyStrategy),
            ChangeAttributes m => OnChangeAttributes(m),
            GetAttributes m => OnGetAttributes(m),
            DataSupply m => OnDataSupply(m),
            DataUnavailable m => OnDataUnavailable(m),
            DataError m => OnDataError(m),
            LockRequest m => OnLockRequest(m),
            Destroy => Terminate(),
            _ => KernReturn.InvalidArgument,
        };
    }

    private bool Accept(ControlIncarnation control)
    {
        if (Control == control && Life == VmObjectLife.Active && Binding is VmPagerBinding.InitSent or VmPagerBinding.Ready) return true;
        if (_pastIncarnations.Contains(control.Id)) Counts.StaleControl++;
        else Counts.UnknownControl++;
        return false;
    }

    /// <summary>The current incarnation ends for the pager: its control port is stale from now on.</summary>
    private void RetireControl()
    {
        if (Control is { } c) _pastIncarnations.Add(c.Id);
    }

    private KernReturn OnReady(bool mayCache, VmCopyStrategy strategy)
    {
        if (!Enum.IsDefined(strategy))
        {
            Counts.Malformed++;
            return KernReturn.InvalidArgument;
        }
        MayCache = mayCache;
        CopyStrategy = strategy;
        Binding = VmPagerBinding.Ready;
        WakeReadyWaiters(Retry(0));
        return KernReturn.Success;
    }

    private KernReturn OnChangeAttributes(ChangeAttributes m)
    {
        var result = OnReady(m.MayCache, m.CopyStrategy);
        if (result != KernReturn.Success) return result;
        // The reference taken for the call is dropped before the reply (I12): uncaching an
        // unreferenced object terminates it, and terminate goes out before change_completed (R5).
        if (References == 0 && !MayCache) Terminate();
        if (m.ReplyTo is { } replyTo)
        {
            var mayCache = MayCache;
            var strategy = CopyStrategy;
            Emit(replyTo, s => new ChangeCompleted(s, mayCache, strategy));
        }
        return KernReturn.Success;
    }

    private KernReturn OnGetAttributes(GetAttributes m)
    {
        var ready = Binding == VmPagerBinding.Ready;
        var mayCache = MayCache;
        var strategy = CopyStrategy;
        Emit(m.ReplyTo, s => new AttributesReply(s, KernReturn.Success, ready, mayCache, strategy));
        return KernReturn.Success;
    }
}
