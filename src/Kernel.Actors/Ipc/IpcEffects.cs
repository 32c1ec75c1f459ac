using MachActors.Actors;

namespace MachActors.Kernel.Ipc;

/// <summary>Carries out <see cref="IpcEffect"/>s for the actor hosting an IPC state class.</summary>
public static class IpcEffects
{
    /// <summary>The timer name used for the wait with <paramref name="key"/>.</summary>
    public static string TimerName(long key) => "ipc-wait-" + key;

    /// <summary>
    /// Performs <paramref name="effects"/> in order, as the actor of <paramref name="context"/>
    /// (messages, answers, blocks and wakes); timers go to its timer scheduler and fire as <see cref="IpcTimeout"/>.
    /// </summary>
    public static void Apply(IReadOnlyList<IpcEffect> effects, IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(context);
        var self = context.Self;
        for (var i = 0; i < effects.Count; i++) // indexed: no enumerator per call
        {
            switch (effects[i])
            {
                case IpcEffect.Tell t:
                    t.To.Tell(t.Message, self);
                    break;
                case IpcEffect.Answer a:
                    a.Reply.Send(a.Result, self);
                    break;
                case IpcEffect.Block b:
                    b.Reply.Block(b.Channel, self, b.Handoff);
                    break;
                case IpcEffect.Wake w:
                    w.Reply.Wake(w.Channel, w.Result, self);
                    break;
                case IpcEffect.StartTimer s:
                    context.Timers.StartSingleTimer(TimerName(s.Key), new IpcTimeout(s.Key), s.After);
                    break;
                case IpcEffect.CancelTimer c:
                    context.Timers.Cancel(TimerName(c.Key));
                    break;
            }
        }
    }
}
