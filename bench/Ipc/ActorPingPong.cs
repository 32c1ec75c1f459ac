using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Bench.Actors;

namespace MachActors.Bench.Ipc;

/// <summary>
/// The IPC suites' baseline: the runtime's raw actor ping-pong (<see cref="Pinger"/> and
/// <see cref="Ponger"/> bouncing one message, section 1's actors), by default on the controlled
/// dispatcher with the machine's settings (seed <see cref="IpcWorkload.Seed"/>, decision recording
/// on), a fresh system per invocation. What an RPC or a one-way message costs over plain actor
/// messaging on the same dispatcher is the ratio. (On the parallel dispatcher for reference.)
/// </summary>
public sealed class ActorPingPong
{
    private ActorSystem? _system;
    private IActorRef? _pinger;
    private IActorRef? _ponger;

    /// <summary>Round trips per run.</summary>
    public int RoundTrips { get; } = IpcSizes.PingPongRoundTrips;

    /// <summary>Actor messages per run (two per round trip).</summary>
    public int Messages => 2 * RoundTrips;

    /// <summary>A fresh system with the two actors spawned and started (not measured).</summary>
    public void Prepare(DispatcherKind dispatcher = DispatcherKind.Controlled)
    {
        _system?.Dispose();
        _system = ActorSystem.Create("pingpong", new ActorSystemOptions { Dispatcher = dispatcher, Seed = IpcWorkload.Seed, RecordDecisions = true });
        _pinger = _system.Spawn(Props.Create<Pinger>(), "pinger");
        _ponger = _system.Spawn(Props.Create<Ponger>(), "ponger");
        _system.RunUntilQuiescent();
    }

    /// <summary>Runs the round trips to quiescence; throws unless exactly Messages + 1 deliveries were made.</summary>
    public long Run()
    {
        var system = _system ?? throw new InvalidOperationException("Prepare first");
        var before = system.TotalSteps;
        _pinger!.Tell(new Start(_ponger!, RoundTrips, InFlight: 1), null);
        Expect.Quiescent(system, system.RunUntilQuiescent(), before, steps: Messages + 1);
        return Messages;
    }

    /// <summary>Disposes the system.</summary>
    public void Release()
    {
        _system?.Dispose();
        _system = null;
    }
}
