using MachActors.Actors;
using MachActors.Actors.Supervision;
using MachActors.Actors.Timing;

namespace MachActors.Host.Demo;

/// <summary>
/// Owns the counter and the workers: restarts a worker that throws <see cref="WorkerFault"/>
/// (one-for-one, at most 3 restarts per second of virtual time), watches every worker, keeps the
/// workers introduced to each other, and records what it saw.
/// </summary>
internal sealed class Supervisor(IReadOnlyList<WorkerSpec> specs) : Actor
{
    private readonly List<IActorRef> _allWorkers = [];
    private readonly List<IActorRef> _running = [];
    private readonly List<DemoEvent> _events = [];
    private IActorRef _counter = null!;

    /// <summary>Spawns the counter and the workers, watches the workers and introduces them to each other.</summary>
    protected override void PreStart()
    {
        _counter = Context.Spawn(Props.Create(() => new Counter()), "counter");
        foreach (var spec in specs)
        {
            var worker = Context.Spawn(Props.Create(() => new Worker(spec, _counter)), spec.Name);
            Context.Watch(worker);
            _allWorkers.Add(worker);
            _running.Add(worker);
        }
        foreach (var worker in _running) Introduce(worker);
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(3, Duration.FromSeconds(1), e => e is WorkerFault ? Directive.Restart : Directive.Escalate);

    /// <summary>
    /// WorkerRestarted: records it and re-introduces the peers to the fresh instance.
    /// Terminated (a watched worker stopped): records it and tells the remaining workers who is left.
    /// GetReport: replies <see cref="SupervisorReport"/> to the sender.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case WorkerRestarted restarted:
                _events.Add(new DemoEvent(Context.Now, DemoEventKind.Restarted, $"worker-{restarted.Worker} failed ({restarted.Reason}); the supervisor restarted it"));
                Introduce(Sender);
                break;
            case Terminated terminated:
                _running.Remove(terminated.ActorRef);
                _events.Add(new DemoEvent(Context.Now, DemoEventKind.Stopped, $"{terminated.ActorRef.Path.Name} stopped; the supervisor's death watch received Terminated"));
                foreach (var worker in _running) Introduce(worker);
                break;
            case GetReport:
                Sender.Tell(new SupervisorReport(_counter, [.. _allWorkers], [.. _events]), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Introduce(IActorRef worker) =>
        worker.Tell(new Introduce(_running.Where(w => !w.Equals(worker)).ToArray()), Self);
}
