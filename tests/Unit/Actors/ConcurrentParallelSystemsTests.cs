using MachActors.Actors;
using MachActors.Actors.Dispatch;

namespace MachActors.Tests.Unit.Actors;

/// <summary>
/// Several systems on the parallel dispatcher at once in one process (as xunit runs test classes)
/// share the thread pool; each must still count its own work, or quiescence is misjudged.
/// </summary>
public class ConcurrentParallelSystemsTests
{
    private sealed record Hit;

    private sealed record GetHits;

    /// <summary>Counts Hit; GetHits: replies the count.</summary>
    private sealed class HitCounter : Actor
    {
        private int _hits;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Hit: _hits++; break;
                case GetHits: Sender.Tell(_hits, Self); break;
                default: Unhandled(message); break;
            }
        }
    }

    /// <summary>Sends <c>count</c> Hits to the counter from PreStart, in one handler; handles nothing.</summary>
    private sealed class Burst(IActorRef counter, int count) : Actor
    {
        protected override void PreStart()
        {
            for (var i = 0; i < count; i++) counter.Tell(new Hit(), Self);
        }

        protected override void OnReceive(object message) => Unhandled(message);
    }

    private const int Bursts = 16;
    private const int HitsPerBurst = 200;

    private static int CountHitsOnOwnSystem()
    {
        using var system = ActorSystem.Create("p", new ActorSystemOptions { Dispatcher = DispatcherKind.Parallel });
        var counter = system.Spawn(Props.Create<HitCounter>(), "counter");
        for (var i = 0; i < Bursts; i++) system.Spawn(Props.Create(() => new Burst(counter, HitsPerBurst)));
        system.RunUntilQuiescent();
        return counter.Ask<int>(new GetHits()).GetAwaiter().GetResult();
    }

    [Fact]
    public void SystemsRunningAtOnce_EachSeeAllTheirOwnMessages()
    {
        // One host thread per system (not pool threads, which the systems' actors need).
        var results = new object[4];
        var hosts = Enumerable.Range(0, results.Length).Select(i => new Thread(() =>
        {
            try
            {
                results[i] = CountHitsOnOwnSystem();
            }
            catch (Exception e)
            {
                results[i] = e;
            }
        })).ToList();

        hosts.ForEach(h => h.Start());
        hosts.ForEach(h => h.Join());

        Assert.All(results, r => Assert.Equal(Bursts * HitsPerBurst, r));
    }
}
