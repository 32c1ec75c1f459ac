using System.Runtime.ExceptionServices;
using MachActors.Actors.Scheduling;
using MachActors.Actors.Timing;

namespace MachActors.Actors.Dispatch;

/// <summary>
/// Runs one delivery per step on the thread that calls Run. At every step the strategy picks the
/// next actor among those with work (and says whether a pending timer fires first, and whether the
/// actor's pending system message goes before its user message); every answer is recorded, so the run can be replayed exactly. Nothing here is thread-safe: a controlled system
/// belongs to one host thread.
/// </summary>
internal sealed class ControlledDispatcher : Dispatcher
{
    private const int ChunkBits = 12;
    private readonly ReadySet _ready = new();
    private readonly ISchedulingStrategy _runStrategy;
    private ISchedulingStrategy _strategy;
    private bool _shuttingDown;
    private readonly List<Decision>? _log;
    private ActorCell?[]?[] _cellsById = new ActorCell?[]?[16];
    private long _decisions;
    private long _totalSteps;
    private bool _running;

    /// <summary>The strategy broke its contract while answering a choice inside a handler: rethrown by Run after the step.</summary>
    private Exception? _strategyFault;

    internal ControlledDispatcher(ActorSystem system, ISchedulingStrategy strategy, bool record) : base(system)
    {
        _runStrategy = _strategy = strategy;
        _log = record ? new List<Decision>(1024) : null;
    }

    internal ISchedulingStrategy Strategy => _runStrategy;

    /// <summary>
    /// From now on (the system is terminating) steps follow <see cref="ShutdownStrategy"/> and are
    /// not recorded: shutdown is not part of the run under study, and a replay may be exhausted.
    /// </summary>
    internal void BeginShutdown()
    {
        _shuttingDown = true;
        _strategy = new ShutdownStrategy(); // one per system: it counts turns
    }

    internal override long TotalSteps => _totalSteps;

    internal override long DecisionCount => _decisions;

    /// <summary>The decisions taken so far (null when recording is off).</summary>
    internal IReadOnlyList<Decision>? Decisions => _log;

    /// <summary>Number of cells that have work right now.</summary>
    internal int ReadyCount => _ready.Count;

    internal override void Post(ActorCell target, object message, IActorRef sender)
    {
        if (System.Tracer is { } t) System.TraceSend(t, target.Id, message);
        if (!target.Enqueue(new Envelope(message, sender)))
        {
            System.DeadLetter(message, sender, target.SelfRef);
            return;
        }
        if (target.ReadyIndex < 0 && target.HasWork()) _ready.Add(target);
    }

    internal override void PostSystem(ActorCell target, SystemMessage message)
    {
        if (System.Tracer is { } t) System.TraceSend(t, target.Id, message);
        if (!target.EnqueueSystem(message))
        {
            target.OnSystemMessageAfterTermination(message);
            return;
        }
        _ready.Add(target);
    }

    internal override void Activate(ActorCell cell)
    {
        Adopt(cell);
        _ready.Add(cell);
    }

    internal override void Adopt(ActorCell cell)
    {
        var chunk = cell.Id >> ChunkBits;
        if (chunk >= _cellsById.Length) Array.Resize(ref _cellsById, Math.Max(chunk + 1, _cellsById.Length * 2));
        (_cellsById[chunk] ??= new ActorCell?[1 << ChunkBits])[cell.Id & ((1 << ChunkBits) - 1)] = cell;
    }

    internal override void Detach(ActorCell cell)
    {
        _ready.Remove(cell);
        var chunk = cell.Id >> ChunkBits;
        if (chunk < _cellsById.Length && _cellsById[chunk] is { } c) c[cell.Id & ((1 << ChunkBits) - 1)] = null;
    }

    private ActorCell? Lookup(int id)
    {
        var chunk = id >> ChunkBits;
        return id > 0 && chunk < _cellsById.Length ? _cellsById[chunk]?[id & ((1 << ChunkBits) - 1)] : null;
    }

    internal override bool ChooseBool(ActorCell chooser)
    {
        bool value;
        try
        {
            value = _strategy.NextBool(new ActorId(chooser.Id));
        }
        catch (Exception e)
        {
            _strategyFault ??= e;
            throw;
        }
        Record(DecisionKind.Bool, value ? 1 : 0);
        if (System.Tracer is { } t) System.TraceChoice(t, chooser.Id, value ? 1 : 0);
        return value;
    }

    internal override int ChooseInt(ActorCell chooser, int maxExclusive)
    {
        int value;
        try
        {
            value = _strategy.NextInt(new ActorId(chooser.Id), maxExclusive);
            if ((uint)value >= (uint)maxExclusive)
            {
                throw new SchedulingException(
                    $"strategy {_strategy.Description} answered ChooseInt({maxExclusive}) for {chooser} with {value}, outside [0, {maxExclusive})");
            }
        }
        catch (Exception e)
        {
            // The handler's catch would make this an actor failure; the run must fail instead (see Step).
            _strategyFault ??= e;
            throw;
        }
        Record(DecisionKind.Int, value);
        if (System.Tracer is { } t) System.TraceChoice(t, chooser.Id, value);
        return value;
    }

    internal override void Wake()
    {
        // Conditions are re-evaluated before every step; nothing to wake.
    }

    private void Record(DecisionKind kind, int value)
    {
        if (_shuttingDown) return;
        _decisions++;
        _log?.Add(new Decision(kind, value));
    }

    /// <summary>
    /// The step loop. Each iteration: check the condition and the step budget; with work pending, ask
    /// the strategy whether a pending timer fires first, else which actor goes next, and run that one
    /// unit of work; with no work, advance the clock to the next timer (firing every timer due at that
    /// instant) or, when none is due before the deadline, stop.
    /// </summary>
    internal override RunResult Run(Func<bool>? until, VirtualTime deadline, long maxSteps)
    {
        if (_running) throw new InvalidOperationException("Run is not reentrant (was it called from inside an actor?)");
        _running = true;
        long steps = 0;
        try
        {
            while (true)
            {
                if (until is not null && until()) return Result(RunOutcome.ConditionMet, steps);
                if (steps >= maxSteps) return Result(RunOutcome.StepLimitReached, steps);
                if (_ready.Count > 0)
                {
                    var view = new ReadyActors(_ready, _decisions);
                    if (System.TimerQueue.TryPeekDue(out var due) && due <= deadline.Nanoseconds
                        && _strategy.FireTimerEarly(new TimerPoint(new VirtualTime(due), System.Now), view))
                    {
                        Record(DecisionKind.FireTimer, 0);
                        steps++;
                        System.AdvanceClockTo(due);
                        System.FireNextTimer(due);
                        continue;
                    }
                    var id = _strategy.NextActor(view);
                    var cell = _ready.LastReadIfId(id.Value) ?? Lookup(id.Value);
                    if (cell is null || cell.ReadyIndex < 0)
                    {
                        throw new SchedulingException(
                            $"strategy {_strategy.Description} chose actor {id}{(cell is null ? "" : " (" + cell + ")")} at decision {_decisions}, "
                            + $"but it has no work; ready: [{string.Join(", ", view.ToList())}]");
                    }
                    Record(DecisionKind.Deliver, id.Value);
                    var userFirst = cell.HasSystemAndUserWork() && !_strategy.SystemMessageFirst(id, view);
                    if (userFirst) Record(DecisionKind.UserFirst, id.Value);
                    steps++;
                    _totalSteps++;
                    Step(cell, userFirst);
                    continue;
                }
                if (AdvanceAtQuiescence(deadline) is { } outcome) return Result(outcome, steps);
            }
        }
        finally
        {
            _running = false;
        }
    }

    private void Step(ActorCell cell, bool userFirst)
    {
        ActorCell.SetCurrent(cell);
        try
        {
            cell.ProcessOne(userFirst);
        }
        finally
        {
            ActorCell.SetCurrent(null);
        }
        if (cell.ReadyIndex >= 0 && !cell.HasWork()) _ready.Remove(cell);
        if (_strategyFault is { } fault)
        {
            _strategyFault = null;
            ExceptionDispatchInfo.Throw(fault);
        }
    }

    private RunResult Result(RunOutcome outcome, long steps) => new(outcome, steps, System.Now);
}
