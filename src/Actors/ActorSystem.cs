using MachActors.Actors.Dispatch;
using MachActors.Actors.Event;
using MachActors.Actors.Scheduling;
using MachActors.Actors.Supervision;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;

namespace MachActors.Actors;

/// <summary>
/// A hierarchy of actors, its dispatcher and its virtual clock. Actors are spawned under "/user";
/// host code drives the system with the Run methods (or Ask), which deliver messages and advance
/// virtual time. Under the controlled dispatcher a system belongs to one host thread.
/// </summary>
/// <example>
/// <code>
/// using var system = ActorSystem.Create("demo", new ActorSystemOptions { Seed = 42 });
/// var counter = system.Spawn(Props.Create&lt;Counter&gt;(), "counter");
/// counter.Tell(new Increment());
/// var count = await counter.Ask&lt;int&gt;(new GetCount());
/// </code>
/// </example>
public sealed partial class ActorSystem : IDisposable
{
    private long _now;
    private int _nextId;
    private long _deadLetterCount;
    internal long UnhandledCount;
    private long _failureCount;
    private readonly List<UnhandledFailure> _unhandledFailures = [];

    private ActorSystem(string name, ActorSystemOptions options)
    {
        Name = name;
        Options = options;
        IsParallel = options.Dispatcher == DispatcherKind.Parallel;
        Tracer = options.Trace;
        TimerQueue = new TimerQueue(IsParallel);
        EventStream = new EventStream();
        DeadLettersRef = new DeadLetterActorRef(this);
        if (IsParallel)
        {
            Parallel = new ParallelDispatcher(this, options.Throughput);
            Dispatcher = Parallel;
        }
        else
        {
            Controlled = new ControlledDispatcher(this, options.Strategy ?? new RandomStrategy(options.Seed), options.RecordDecisions);
            Dispatcher = Controlled;
        }

        // The root and the two guardians exist before anything else, with ids 1, 2, 3.
        var quiet = Props.Create(() => new Guardian(SupervisorStrategy.Default));
        Root = new ActorCell(this, NextActorId(), null, quiet, null);
        Root.CreateSynchronously();
        Dispatcher.Adopt(Root);
        var rootChildren = Root.ChildrenOrCreate();
        var userStrategy = options.GuardianStrategy ?? SupervisorStrategy.Default;
        UserGuardian = new ActorCell(this, NextActorId(), Root, Props.Create(() => new Guardian(userStrategy)), "user");
        SystemGuardian = new ActorCell(this, NextActorId(), Root, quiet, "system");
        foreach (var guardian in new[] { UserGuardian, SystemGuardian })
        {
            rootChildren.Add(guardian, Root);
            guardian.CreateSynchronously();
            Dispatcher.Adopt(guardian);
            guardian.ChildrenOrCreate();
        }
    }

    /// <summary>Creates a system. <paramref name="options"/> defaults to a controlled dispatcher with seed 0.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static ActorSystem Create(string name = "machactors", ActorSystemOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ActorSystem(name, options ?? new ActorSystemOptions());
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The options it was created with.</summary>
    public ActorSystemOptions Options { get; }

    /// <summary>True for the parallel dispatcher, false for the controlled one.</summary>
    public bool IsParallel { get; }

    /// <summary>The current virtual time.</summary>
    public VirtualTime Now => new(Volatile.Read(ref _now));

    /// <summary>Where undeliverable messages go; telling it counts a dead letter.</summary>
    public IActorRef DeadLetters => DeadLettersRef;

    /// <summary>Publish / subscribe for runtime events.</summary>
    public EventStream EventStream { get; }

    /// <summary>How many messages became dead letters so far.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>How many messages actors reported as unhandled so far.</summary>
    public long UnhandledMessageCount => Interlocked.Read(ref UnhandledCount);

    /// <summary>How many times an actor's handler or hook threw so far.</summary>
    public long FailureCount => Interlocked.Read(ref _failureCount);

    /// <summary>Failures that reached the root unsupervised (each also published as <see cref="UnhandledFailure"/>).</summary>
    public IReadOnlyList<UnhandledFailure> UnhandledFailures
    {
        get { lock (_unhandledFailures) return [.. _unhandledFailures]; }
    }

    /// <summary>Messages (and early timer firings) processed since the system started.</summary>
    public long TotalSteps => Dispatcher.TotalSteps;

    /// <summary>Controlled dispatcher: the strategy making its choices; null under the parallel dispatcher.</summary>
    public ISchedulingStrategy? Strategy => Controlled?.Strategy;

    /// <summary>True once the root has stopped: after <see cref="Terminate"/>, or once an unhandled failure stopped the /user guardian (the whole system then stops, as in Akka.NET).</summary>
    public bool IsTerminated => Root.IsTerminated;

    internal Dispatcher Dispatcher { get; }

    internal ParallelDispatcher? Parallel { get; }

    internal ControlledDispatcher? Controlled { get; }

    internal TimerQueue TimerQueue { get; }

    internal ITraceSink? Tracer { get; }

    internal DeadLetterActorRef DeadLettersRef { get; }

    internal ActorCell Root { get; }

    internal ActorCell UserGuardian { get; }

    internal ActorCell SystemGuardian { get; }

    /// <summary>Spawns a top-level actor under "/user". It is constructed in its first turn.</summary>
    /// <exception cref="InvalidActorNameException">Malformed or taken name.</exception>
    public IActorRef Spawn(Props props, string? name = null) => UserGuardian.SpawnChild(props, name).SelfRef;

    /// <summary>Spawns a runtime-level actor under "/system" (test probes, monitors).</summary>
    public IActorRef SpawnSystemActor(Props props, string? name = null) => SystemGuardian.SpawnChild(props, name).SelfRef;

    /// <summary>Asks any actor of this system to stop (it finishes the message in hand first).</summary>
    /// <exception cref="ArgumentException">The ref is not an actor of this system.</exception>
    public void Stop(IActorRef actor)
    {
        if (actor is not LocalActorRef { Cell: var cell } || cell.Sys != this)
        {
            throw new ArgumentException($"{actor} is not an actor of system '{Name}'", nameof(actor));
        }
        Dispatcher.PostSystem(cell, TerminateSelf.Instance);
    }

    /// <summary>
    /// Tells <paramref name="message"/> to <paramref name="target"/> once <paramref name="delay"/> of
    /// virtual time has passed (Akka's Scheduler.ScheduleTellOnce).
    /// </summary>
    public void ScheduleTellOnce(Duration delay, IActorRef target, object message, IActorRef? sender = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay.Nanoseconds, nameof(delay));
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        TimerQueue.Add(new TimerEntry(target, null, null, message, sender, (Now + delay).Nanoseconds, 0));
    }

    /// <summary>
    /// Controlled dispatcher: the decisions taken so far, as a schedule that
    /// <see cref="ReplayStrategy"/> reproduces exactly.
    /// </summary>
    /// <exception cref="InvalidOperationException">Parallel dispatcher, or recording was turned off.</exception>
    public Schedule RecordedSchedule()
    {
        var decisions = Controlled?.Decisions ?? throw new InvalidOperationException(
            IsParallel ? "the parallel dispatcher makes no recordable decisions" : "decision recording is off (ActorSystemOptions.RecordDecisions)");
        return new Schedule(Controlled.Strategy.Description, Controlled.Strategy.Seed, [.. decisions]);
    }

    internal int NextActorId() => Interlocked.Increment(ref _nextId);

    /// <summary>
    /// Stops every actor (children first, then the guardians) and runs until the root has stopped.
    /// Under the controlled dispatcher the shutdown runs in a fixed order, outside the recorded
    /// schedule (so a replayed system can be disposed after its replay is complete).
    /// </summary>
    public void Terminate()
    {
        if (Root.IsTerminated) return;
        Controlled?.BeginShutdown();
        Dispatcher.PostSystem(Root, TerminateSelf.Instance);
        Dispatcher.Run(() => Root.IsTerminated, VirtualTime.Never, Options.MaxStepsPerRun);
    }

    /// <summary>Terminates the system (see <see cref="Terminate"/>).</summary>
    public void Dispose() => Terminate();
}
