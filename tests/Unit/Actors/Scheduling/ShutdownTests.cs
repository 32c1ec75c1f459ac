using MachActors.Actors;
using MachActors.Tests.Unit.Exploration;

namespace MachActors.Tests.Unit.Actors.Scheduling;

/// <summary>Terminate under the controlled dispatcher (ShutdownStrategy).</summary>
public class ShutdownTests
{
    [Fact]
    public void Terminate_OneMessageBouncingBetweenTwoActorsForever_StopsWithinAFewSteps()
    {
        var sys = ActorSystem.Create("shutdown", new ActorSystemOptions { Seed = 3, MaxStepsPerRun = 10_000 });
        var a = sys.Spawn(Props.Create<ToyPinger>(), "a");
        var b = sys.Spawn(Props.Create<ToyPinger>(), "b");
        a.Tell((b, true)); // one ping in flight: exactly one of the two is ready at any time
        b.Tell((a, false));
        sys.RunUntilQuiescent(maxSteps: 500);
        var before = sys.TotalSteps;

        sys.Terminate();

        Assert.True(sys.IsTerminated);
        Assert.True(sys.TotalSteps - before < 100, $"shutdown took {sys.TotalSteps - before} steps");
    }
}
