namespace MachActors.Tests.Unit.Actors.Dispatch;

public sealed class ControlledDispatcherTests : ActorTestBase
{
    [Fact]
    public void Spawn_BetweenRuns_NothingHappensUntilTheNextRun()
    {
        var started = false;
        Sys.Spawn(LambdaActor.WithHooks(preStart: _ => started = true));

        Assert.False(started);
        Settle();
        Assert.True(started);
    }

    [Fact]
    public void Run_Steps_CountOneDeliveryEach()
    {
        Settle(); // the default probe's first turn
        var echo = Sys.Spawn(Props.Create<EchoActor>());
        var before = Sys.TotalSteps;

        echo.Tell("a");
        echo.Tell("b");
        var result = Sys.RunUntilQuiescent();

        Assert.Equal(RunOutcome.Quiescent, result.Outcome);
        Assert.Equal(3, result.Steps); // creation + two messages
        Assert.Equal(before + 3, Sys.TotalSteps);
        Assert.Equal(3, Sys.RecordedSchedule().Decisions.Count(d => d.Value == echo.Id.Value));
    }

    [Fact]
    public void RecordedSchedule_RecordingOff_Throws()
    {
        using var kit = new Kit(new ActorSystemOptions { RecordDecisions = false });

        var e = Assert.Throws<InvalidOperationException>(() => kit.Sys.RecordedSchedule());

        Assert.Contains("RecordDecisions", e.Message);
    }

    [Fact]
    public void RecordedSchedule_EveryDeliveryIsADeliverDecisionForThatActor()
    {
        var echo = Sys.Spawn(Props.Create<EchoActor>());
        echo.Tell("x", TestActor);
        ExpectMsg("x");

        var delivered = Sys.RecordedSchedule().Decisions.Select(d => d.Value).ToList();

        Assert.Contains(echo.Id.Value, delivered);
        Assert.Contains(TestActor.Id.Value, delivered);
        Assert.Equal(Sys.TotalSteps, delivered.Count);
    }

    [Fact]
    public void Create_EmptyName_Throws()
    {
        Assert.Throws<ArgumentException>(() => ActorSystem.Create(""));
        Assert.Equal("machactors", ActorSystem.Create().Name);
    }
}
