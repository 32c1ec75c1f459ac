using System.Globalization;
using MachActors.Actors.Timing;

namespace MachActors.Actors;

/// <summary>
/// The runtime's host for one actor: its mailbox, lifecycle state, children, watchers, behaviour
/// stack, stash and timers, and the <see cref="IActorContext"/> the actor sees. The actor instance
/// is replaced on restart; the cell (and so the ref) stays.
/// Split by concern as Akka.NET's ActorCell is: .Mailbox, .Invoke, .Children, .DeathWatch,
/// .FaultHandling, .Behavior.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. Only the thread running the cell's turn touches its actor, state, extras and current message.
/// 2. The mailbox and system queue are touched by other threads only under the cell's lock, and
///    only when the dispatcher is parallel (<see cref="_locked"/>).
/// 3. Once <see cref="_state"/> is Terminated (set under the lock) nothing is enqueued any more.
/// </remarks>
internal sealed partial class ActorCell : IActorContext, IThreadPoolWorkItem
{
    [ThreadStatic] private static ActorCell? t_current;

    /// <summary>The cell whose actor is being constructed on this thread (read once by the Actor constructor).</summary>
    [ThreadStatic] internal static ActorCell? Constructing;

    internal readonly ActorSystem Sys;
    internal readonly int Id;
    internal readonly ActorCell? ParentCell;
    internal readonly LocalActorRef SelfRef;
    private readonly Props _props;
    private readonly string? _name;
    private readonly bool _locked;
    private Actor? _actor;
    private CellState _state;
    private CellExtras? _extras;
    private object? _currentMessage;
    private IActorRef? _currentSender;

    /// <summary>Parallel dispatcher: 0 idle, 1 scheduled or running (CAS-guarded).</summary>
    internal int ScheduleStatus;

    /// <summary>Controlled dispatcher: index in the ready set, -1 when not ready.</summary>
    internal int ReadyIndex = -1;

    /// <summary>The parent asked this cell to stop (so a restarting parent waits for it).</summary>
    internal bool StopRequested;

    internal ActorCell(ActorSystem system, int id, ActorCell? parent, Props props, string? name)
    {
        Sys = system;
        Id = id;
        ParentCell = parent;
        _props = props;
        _name = name;
        _locked = system.IsParallel;
        SelfRef = new LocalActorRef(this);
    }

    /// <summary>The cell whose turn is running on this thread, or null in host code.</summary>
    internal static ActorCell? Current => t_current;

    internal static void SetCurrent(ActorCell? cell) => t_current = cell;

    /// <summary>The given name, or "$id" for generated names.</summary>
    internal string Name => _name ?? "$" + Id.ToString(CultureInfo.InvariantCulture);

    internal bool HasGeneratedName => _name is null;

    internal Type ActorType => _props.ActorType;

    internal ActorPath ComputePath() => ParentCell is null ? ActorPath.Root : ParentCell.ComputePath().Child(Name);

    internal CellState State => _state;

    internal bool IsTerminated => _state == CellState.Terminated;

    internal IActorRef CurrentSender => _currentSender ?? Sys.DeadLetters;

    /// <summary>
    /// The rarely used parts, created on first use. Creation is atomic because a sender may create
    /// them (to queue a system message, under the mailbox lock) while the owner's turn does too.
    /// </summary>
    private CellExtras Extras => _extras ?? CreateExtras();

    private CellExtras CreateExtras()
    {
        Interlocked.CompareExchange(ref _extras, new CellExtras(), null);
        return _extras;
    }

    /// <inheritdoc />
    public IActorRef Self => SelfRef;

    /// <inheritdoc />
    public IActorRef Sender => CurrentSender;

    /// <inheritdoc />
    public IActorRef Parent => ParentCell?.SelfRef ?? SelfRef;

    /// <inheritdoc />
    public ActorSystem System => Sys;

    /// <inheritdoc />
    public VirtualTime Now => Sys.Now;

    /// <inheritdoc />
    public ITimerScheduler Timers
    {
        get
        {
            EnsureInside();
            return Extras.Timers ??= new TimerScheduler(this);
        }
    }

    /// <inheritdoc />
    public bool ChooseBool()
    {
        EnsureInside();
        return Sys.Dispatcher.ChooseBool(this);
    }

    /// <inheritdoc />
    public int ChooseInt(int maxExclusive)
    {
        EnsureInside();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return Sys.Dispatcher.ChooseInt(this, maxExclusive);
    }

    /// <inheritdoc />
    public void Notify(object specificationEvent)
    {
        EnsureInside();
        ArgumentNullException.ThrowIfNull(specificationEvent);
        if (Sys.Tracer is { } tracer) Sys.TraceNotify(tracer, this, specificationEvent);
    }

    /// <summary>Parallel dispatcher entry point: runs one turn of this cell on a pool thread.</summary>
    public void Execute() => Sys.Parallel!.RunTurn(this);

    /// <summary>The path, e.g. "/user/a".</summary>
    public override string ToString() => ComputePath().ToString();

    /// <summary>Stable across runs (the id), so hash-based collections of cells iterate deterministically.</summary>
    public override int GetHashCode() => Id;

    /// <summary>Reference identity (one cell per actor).</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>Throws unless called from this actor's own turn: the context is not thread-safe.</summary>
    private void EnsureInside()
    {
        if (!ReferenceEquals(t_current, this))
        {
            throw new InvalidOperationException(
                $"{this}: the actor context may only be used inside the actor's own handlers and hooks");
        }
    }
}
