using System.Runtime.CompilerServices;
using MachActors.Actors.Tracing;

namespace MachActors.Exploration.Monitors;

/// <summary>
/// A specification state machine (Coyote's Monitor): it watches a run synchronously and never
/// sends anything. It sees every runtime event the explorer's trace sink sees: actors created
/// (<see cref="OnSpawn"/>), messages handed to actors (<see cref="OnDeliver"/>) and what actors tell
/// monitors with <c>Context.Notify</c> (<see cref="OnNotify"/>); it may be told more by overriding
/// <see cref="OnEvent"/>. A safety violation is <see cref="Assert(bool, string)"/>ed; a pending obligation is a
/// <see cref="Temperature.Hot"/> state, which is a liveness bug when the run ends in it, or when it
/// stays hot for more than the liveness threshold of steps in a fair iteration.
/// A monitor instance watches one iteration; the scenario makes a fresh one per iteration.
/// </summary>
public abstract class SpecMonitor
{
    /// <summary>Shown in bug reports. Default: the class name.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>The current state's temperature.</summary>
    public Temperature Temperature { get; private set; } = Temperature.Cold;

    /// <summary>Why the monitor is hot (shown in a liveness report), or null: the reason given to <see cref="Hot(string)"/>, or <see cref="DescribeHot"/> after <see cref="Hot()"/>.</summary>
    public string? HotReason => Temperature == Temperature.Hot ? _hotReason ?? DescribeHot() : null;

    private string? _hotReason;

    /// <summary>The first safety violation asserted, or null.</summary>
    public string? Violation { get; private set; }

    /// <summary>Every event of the run, in order; routes spawns, deliveries and notifications to the hooks below.</summary>
    public virtual void OnEvent(in TraceEvent e)
    {
        switch (e.Kind)
        {
            case TraceKind.Spawn:
                OnSpawn(e.Actor, e.Message as Type, e.Text);
                break;
            case TraceKind.Deliver when e.Message is not null:
                OnDeliver(e.Actor, (int)e.Other, e.Message);
                break;
            case TraceKind.Notify when e.Message is not null:
                OnNotify(e.Actor, e.Message);
                break;
        }
    }

    /// <summary>Actor <paramref name="actor"/> of class <paramref name="type"/> was created.</summary>
    protected virtual void OnSpawn(int actor, Type? type, string? name)
    {
    }

    /// <summary><paramref name="message"/> from <paramref name="sender"/> (0: host code) was handed to <paramref name="receiver"/>.</summary>
    protected virtual void OnDeliver(int receiver, int sender, object message)
    {
    }

    /// <summary>Actor <paramref name="notifier"/> told the monitors <paramref name="specificationEvent"/>.</summary>
    protected virtual void OnNotify(int notifier, object specificationEvent)
    {
    }

    /// <summary>The run ended (the scenario is done, or nothing is left to happen): a last safety check. Default: nothing.</summary>
    public virtual void OnEnd()
    {
    }

    /// <summary>Records <paramref name="message"/> as the monitor's safety violation unless <paramref name="condition"/> holds (the first one counts).</summary>
    protected void Assert(bool condition, string message)
    {
        if (!condition) Violation ??= message;
    }

    /// <summary>
    /// As <see cref="Assert(bool, string)"/>, for an interpolated message: it is formatted only when
    /// <paramref name="condition"/> fails, so an assertion that holds costs no string.
    /// </summary>
    protected void Assert(bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref AssertMessageHandler message)
    {
        if (!condition) Violation ??= message.ToStringAndClear();
    }

    /// <summary>Enters a hot state: <paramref name="reason"/> is the obligation pending.</summary>
    protected void Hot(string reason)
    {
        Temperature = Temperature.Hot;
        _hotReason = reason;
    }

    /// <summary>
    /// Enters a hot state whose reason <see cref="DescribeHot"/> gives when a report asks for it: for a
    /// monitor that re-states its obligation on every event, so no reason is formatted until it is needed.
    /// </summary>
    protected void Hot()
    {
        Temperature = Temperature.Hot;
        _hotReason = null;
    }

    /// <summary>The pending obligation, for <see cref="HotReason"/> after <see cref="Hot()"/>. Default: "hot".</summary>
    protected virtual string DescribeHot() => "hot";

    /// <summary>Enters a cold state: every obligation is met.</summary>
    protected void Cold()
    {
        Temperature = Temperature.Cold;
        _hotReason = null;
    }

    /// <summary>Enters a warm state (neither).</summary>
    protected void Warm()
    {
        Temperature = Temperature.Warm;
        _hotReason = null;
    }
}
