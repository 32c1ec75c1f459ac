using MachActors.Actors;
using MachActors.Hardware.Device;
using MachActors.Kernel.Vm;

namespace MachActors.Pagers.Default;

/// <summary>
/// The default pager (spec §7): stores anonymous memory of VM objects in swap slots on a
/// <see cref="Disk"/> it talks to directly (DiskRead / DiskWrite, answered by DiskInterrupt), as a
/// vm-privileged pager must not depend on the IPC device layer the kernel may be paging for. The
/// decisions are <see cref="DefaultPagerState"/>'s; this actor only routes messages and effects.
/// </summary>
public sealed class DefaultPager : Actor
{
    private readonly IActorRef _disk;
    private readonly DefaultPagerState _state;
    private IActorRef? _resident;

    /// <summary>A default pager keeping its swap on <paramref name="disk"/> as <paramref name="config"/> says.</summary>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public DefaultPager(IActorRef disk, DefaultPagerConfig config)
    {
        _disk = disk ?? throw new ArgumentNullException(nameof(disk));
        _state = new DefaultPagerState(config);
    }

    /// <summary>
    /// PagerMessage (from a VM object actor; the sender does not matter, answers go to the message's
    /// control port): admitted in the object's seqno order; answers (data_supply, data_unavailable,
    /// data_error) go to <c>Control.Object</c>, disk requests to the disk. DiskInterrupt (from the
    /// disk): completes a read or write. PageoutCreditsTo (the resident memory, at EnablePaging): page
    /// credits go there from now on (before it, none are owed: no page was handed over).
    /// GetDefaultPagerStats: replies a snapshot of the counts. Nothing here throws on kernel or disk input.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case PagerMessage pagerMessage:
                _state.Receive(pagerMessage);
                Carry();
                break;
            case DiskInterrupt interrupt:
                _state.Complete(interrupt);
                Carry();
                break;
            case PageoutCreditsTo to:
                _resident = to.Resident;
                break;
            case GetDefaultPagerStats:
                Sender.Tell(_state.Counts.Snapshot(), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Carry()
    {
        foreach (var effect in _state.TakeEffects())
        {
            switch (effect)
            {
                case DefaultPagerEffect.Read read:
                    _disk.Tell(read.Request, Self);
                    break;
                case DefaultPagerEffect.Write write:
                    _disk.Tell(write.Request, Self);
                    break;
                case DefaultPagerEffect.Reply reply:
                    reply.Message.Control.Object.Tell(reply.Message, Self);
                    break;
                case DefaultPagerEffect.Credit credit:
                    _resident?.Tell(credit.Message, Self);
                    break;
            }
        }
    }
}
