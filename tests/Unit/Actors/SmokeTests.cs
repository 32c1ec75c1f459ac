using MachActors.Actors;
using MachActors.Actors.Dispatch;

namespace MachActors.Tests.Unit.Actors;

public sealed record Ping(int N);
public sealed record Pong(int N);

public sealed class Ponger : Actor
{
    protected override void OnReceive(object message)
    {
        if (message is Ping p) Sender.Tell(new Pong(p.N), Self);
        else Unhandled(message);
    }
}

public sealed class Pinger(IActorRef ponger, int rounds) : Actor
{
    public static int Done;
    protected override void PreStart() => ponger.Tell(new Ping(0), Self);
    protected override void OnReceive(object message)
    {
        if (message is Pong p)
        {
            if (p.N + 1 < rounds) ponger.Tell(new Ping(p.N + 1), Self);
            else Interlocked.Increment(ref Done);
        }
    }
}

public class SmokeTests
{
    [Theory]
    [InlineData(DispatcherKind.Controlled)]
    [InlineData(DispatcherKind.Parallel)]
    public void PingPong_RunsToQuiescence(DispatcherKind kind)
    {
        using var sys = ActorSystem.Create("t", new ActorSystemOptions { Dispatcher = kind });
        var ponger = sys.Spawn(Props.Create<Ponger>(), "ponger");
        var before = Pinger.Done;
        sys.Spawn(Props.Create(() => new Pinger(ponger, 1000)), "pinger");
        var r = sys.RunUntilQuiescent();
        Assert.Equal(RunOutcome.Quiescent, r.Outcome);
        Assert.Equal(before + 1, Pinger.Done);
        Assert.Equal(new Pong(7), ponger.Ask<Pong>(new Ping(7)).Result);
    }
}
