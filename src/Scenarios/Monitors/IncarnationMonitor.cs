using MachActors.Actors;
using MachActors.Actors.Tracing;
using MachActors.Exploration.Monitors;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Monitors;

/// <summary>
/// Spec I10/I11 (R3/R4) as the pager sees it: per VM object and receiving pager, an incarnation begins
/// with init (or create, for the default pager), then its requests, unlocks, returns and completions,
/// and terminate is its last message; the next incarnation's init is delivered only after that
/// terminate, and an ended incarnation's control port never appears again in a kernel -> pager message.
/// On the kernel's side, a pager call on a control port whose terminate the object already sent (a
/// stale call) must be ignored: no reply (supply_completed, lock_completed) on that port may follow.
/// Messages to an actor that never received the object's init (a lock_request's reply_to elsewhere)
/// are not judged.
/// </summary>
public sealed class IncarnationMonitor : SpecMonitor
{
    private readonly Dictionary<(int Pager, IActorRef Object), Incarnation> _seen = [];
    private readonly HashSet<ControlIncarnation> _retired = [];

    /// <summary>Incarnations begun (init or create delivered).</summary>
    public long Incarnations { get; private set; }

    /// <summary>Pager calls delivered to a VM object on a control port it had already terminated (the stale path was exercised).</summary>
    public long StaleCalls { get; private set; }

    /// <summary>Watches the objects' sends of terminate (their control ports retire then) as well as deliveries.</summary>
    public override void OnEvent(in TraceEvent e)
    {
        if (e.Kind == TraceKind.Send && e.Message is PagerMessage sent && ControlOf(sent) is { } control)
        {
            Assert(!_retired.Contains(control), $"VM object a{e.Actor} sent {sent.GetType().Name} #{sent.Seqno} on incarnation {control.Id} after its terminate (I10: terminate is the last message; a stale call is never answered)");
            if (sent is Terminate) _retired.Add(control);
        }
        base.OnEvent(e);
    }

    /// <inheritdoc />
    protected override void OnDeliver(int receiver, int sender, object message)
    {
        if (message is PagerControlMessage call && _retired.Contains(call.Control))
        {
            StaleCalls++;
            return;
        }
        if (message is not PagerMessage m || ControlOf(m) is not { } control) return;
        var key = (receiver, control.Object);
        _seen.TryGetValue(key, out var last);
        var what = $"{m.GetType().Name} #{m.Seqno} of incarnation {control.Id} (a{sender} -> a{receiver})";
        switch (m)
        {
            case MemoryObjectInit or MemoryObjectCreate:
                Assert(last is null || last.Ended, $"{what} delivered while incarnation {last?.Id} has not terminated (I11, R4)");
                Assert(last is null || control.Id > last.Id, $"{what} delivered after incarnation {last?.Id} (an id reused)");
                _seen[key] = new Incarnation(control.Id);
                Incarnations++;
                break;
            case Terminate:
                Assert(last is not null && last.Id == control.Id && !last.Ended, $"{what}: not the open incarnation ({Describe(last)})");
                if (last is not null && last.Id == control.Id) last.Ended = true;
                break;
            default:
                if (last is null) return; // not this object's pager
                Assert(last.Id == control.Id && !last.Ended, $"{what} delivered outside its incarnation ({Describe(last)}; I10)");
                break;
        }
    }

    private static string Describe(Incarnation? last) => last is null ? "no init before it" : $"incarnation {last.Id} {(last.Ended ? "terminated" : "open")}";

    private static ControlIncarnation? ControlOf(PagerMessage m) => m switch
    {
        MemoryObjectInit i => i.Control,
        MemoryObjectCreate c => c.Control,
        DataRequest r => r.Control,
        DataUnlock u => u.Control,
        DataReturn d => d.Control,
        DataInitialize d => d.Control,
        LockCompleted l => l.Control,
        SupplyCompleted s => s.Control,
        Terminate t => t.Control,
        _ => null,
    };

    private sealed class Incarnation(long id)
    {
        public long Id { get; } = id;

        public bool Ended { get; set; }
    }
}
