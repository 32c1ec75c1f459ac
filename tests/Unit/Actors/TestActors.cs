namespace MachActors.Tests.Unit.Actors;

/// <summary>What test actors throw on <see cref="Boom"/>: an ordinary exception (default supervision: restart).</summary>
public sealed class TestException(string message) : Exception(message);

/// <summary>Replies every message to its sender.</summary>
public sealed class EchoActor : Actor
{
    protected override void OnReceive(object message) => Sender.Tell(message, Self);
}

/// <summary>Answers <see cref="Ping"/> with the <see cref="Pong"/> of the same number; anything else is unhandled.</summary>
public sealed class PingPongActor : Actor
{
    protected override void OnReceive(object message)
    {
        if (message is Ping p) Sender.Tell(new Pong(p.N), Self);
        else Unhandled(message);
    }
}

/// <summary>
/// Plays <paramref name="rounds"/> rounds of ping-pong with <paramref name="partner"/>, then tells
/// <paramref name="report"/> the <see cref="Count"/> of pongs it received.
/// </summary>
public sealed class PingerActor(IActorRef partner, int rounds, IActorRef report) : Actor
{
    private int _pongs;

    protected override void PreStart() => partner.Tell(new Ping(0), Self);

    protected override void OnReceive(object message)
    {
        if (message is not Pong p)
        {
            Unhandled(message);
            return;
        }
        _pongs++;
        if (p.N + 1 < rounds) partner.Tell(new Ping(p.N + 1), Self);
        else report.Tell(new Count(_pongs), Self);
    }
}

/// <summary>
/// The workhorse of the lifecycle and supervision tests. Reports every hook to
/// <paramref name="reporter"/> as <see cref="HookCalled"/>; counts <see cref="Increment"/> in
/// per-instance state and answers <see cref="GetCount"/>; throws on <see cref="Boom"/>; spawns a
/// reporting child on <see cref="SpawnChild"/>; reports anything else as <see cref="Received"/>.
/// </summary>
public sealed class ReportingActor(IActorRef reporter, string tag) : Actor
{
    private int _count;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Increment:
                _count++;
                break;
            case GetCount:
                Sender.Tell(new Count(_count), Self);
                break;
            case Boom b:
                throw new TestException(b.Reason);
            case SpawnChild s:
                var props = Props(reporter, s.Tag);
                Sender.Tell(new ChildSpawned(Context.Spawn(s.Strategy is null ? props : props.WithSupervisorStrategy(s.Strategy), s.Name)), Self);
                break;
            default:
                reporter.Tell(new Received(tag, message), Self);
                break;
        }
    }

    protected override void PreStart() => reporter.Tell(new HookCalled(tag, Hook.PreStart), Self);

    protected override void PostStop() => reporter.Tell(new HookCalled(tag, Hook.PostStop), Self);

    protected override void PreRestart(Exception reason, object? message)
    {
        reporter.Tell(new HookCalled(tag, Hook.PreRestart, reason.Message + " on " + message), Self);
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        reporter.Tell(new HookCalled(tag, Hook.PostRestart, reason.Message), Self);
        base.PostRestart(reason);
    }

    /// <summary>Props for a reporting actor tagged <paramref name="tag"/>.</summary>
    public static Props Props(IActorRef reporter, string tag) => global::MachActors.Actors.Props.Create(() => new ReportingActor(reporter, tag));
}

/// <summary>
/// An actor whose behaviour is given by lambdas, for one-off actors inside a test. It exposes its
/// context, self, sender and Unhandled so the lambdas can use them, and a scratch counter
/// (<see cref="State"/>) that lives as long as the instance.
/// </summary>
public sealed class LambdaActor(Action<LambdaActor, object> receive) : Actor
{
    /// <summary>Per-instance scratch state (a restart starts again from 0).</summary>
    public int State { get; set; }

    /// <summary>Runs as PreStart.</summary>
    public Action<LambdaActor>? OnPreStart { get; init; }

    /// <summary>Runs as PostStop.</summary>
    public Action<LambdaActor>? OnPostStop { get; init; }

    /// <summary>Replaces the default PreRestart (which stops the children) when set.</summary>
    public Action<LambdaActor, Exception, object?>? OnPreRestart { get; init; }

    /// <summary>The actor's supervisor strategy (Actor.SupervisorStrategy) when set.</summary>
    public SupervisorStrategy? Strategy { get; init; }

    public new IActorContext Context => base.Context;

    public new IActorRef Self => base.Self;

    public new IActorRef Sender => base.Sender;

    public new void Unhandled(object message) => base.Unhandled(message);

    protected override void OnReceive(object message) => receive(this, message);

    protected override void PreStart() => OnPreStart?.Invoke(this);

    protected override void PostStop() => OnPostStop?.Invoke(this);

    protected override void PreRestart(Exception reason, object? message)
    {
        if (OnPreRestart is { } hook) hook(this, reason, message);
        else base.PreRestart(reason, message);
    }

    protected override SupervisorStrategy SupervisorStrategy() => Strategy ?? base.SupervisorStrategy();

    /// <summary>Props for a lambda actor that ignores its mail and only runs the given hooks.</summary>
    public static Props WithHooks(Action<LambdaActor>? preStart = null, Action<LambdaActor>? postStop = null) =>
        global::MachActors.Actors.Props.Create(() => new LambdaActor(static (_, _) => { }) { OnPreStart = preStart, OnPostStop = postStop });

    /// <summary>Props for a lambda actor with just a receive.</summary>
    public static Props Props(Action<LambdaActor, object> receive) => global::MachActors.Actors.Props.Create(() => new LambdaActor(receive));
}

/// <summary>
/// Drives its own timers on command (<see cref="StartSingle"/>, <see cref="StartPeriodic"/>,
/// <see cref="CancelTimer"/>, <see cref="IsTimerActive"/>), throws on <see cref="Boom"/>, and reports
/// every other message, timer messages included, to <paramref name="reporter"/> as <see cref="Stamped"/>.
/// A timer message that is itself a command is obeyed, so one timer can act on another.
/// </summary>
public sealed class TimerActor(IActorRef reporter) : Actor
{
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case StartSingle s:
                Context.Timers.StartSingleTimer(s.Key, s.Message, s.Delay);
                break;
            case StartPeriodic p:
                Context.Timers.StartPeriodicTimer(p.Key, p.Message, p.InitialDelay ?? p.Interval, p.Interval);
                break;
            case CancelTimer c:
                Context.Timers.Cancel(c.Key);
                break;
            case IsTimerActive a:
                Sender.Tell(Context.Timers.IsTimerActive(a.Key), Self);
                break;
            case Boom b:
                throw new TestException(b.Reason);
            default:
                reporter.Tell(new Stamped(message, Context.Now), Self);
                break;
        }
    }

    /// <summary>Props for a timer actor reporting to <paramref name="reporter"/>.</summary>
    public static Props Props(IActorRef reporter) => global::MachActors.Actors.Props.Create(() => new TimerActor(reporter));
}

/// <summary>
/// On <see cref="Ping"/>(n) reports <see cref="Stamped"/> to <paramref name="reporter"/> and, while
/// n &gt; 0, tells itself Ping(n - 1): a burst of mail all due at one instant.
/// </summary>
public sealed class CountdownActor(IActorRef reporter) : Actor
{
    protected override void OnReceive(object message)
    {
        reporter.Tell(new Stamped(message, Context.Now), Self);
        if (message is Ping { N: > 0 } p) Self.Tell(new Ping(p.N - 1), Self);
    }
}
