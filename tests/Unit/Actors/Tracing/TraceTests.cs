using MachActors.Actors.Tracing;

namespace MachActors.Tests.Unit.Actors.Tracing;

public sealed class TraceTests : ActorTestBase
{
    private readonly InMemoryTraceSink _trace;

    public TraceTests() : this(new InMemoryTraceSink()) { }

    private TraceTests(InMemoryTraceSink trace) : base(new ActorSystemOptions { Seed = 1, Trace = trace }) => _trace = trace;

    private TraceEvent Single(TraceKind kind, Func<TraceEvent, bool> match) => Assert.Single(_trace.OfKind(kind), e => match(e));

    [Fact]
    public void Spawn_TopLevelAndChild_ChildIdParentIdAndName()
    {
        var parent = SpawnReporter("p", "p");
        var child = SpawnChildOf(parent, "c", "c");

        Single(TraceKind.Spawn, e => e.Actor == parent.Id.Value && e.Other == 2 && e.Text == "p"); // 2 = /user
        Single(TraceKind.Spawn, e => e.Actor == child.Id.Value && e.Other == parent.Id.Value && e.Text == "c");
    }

    [Fact]
    public void Spawn_Event_CarriesTheActorClass()
    {
        var typed = Sys.Spawn(Props.Create<EchoActor>(), "typed");

        Single(TraceKind.Spawn, e => e.Actor == typed.Id.Value && Equals(e.Message, typeof(EchoActor)));
    }

    private sealed class Notifier : Actor
    {
        protected override void OnReceive(object message) => Context.Notify(new Msg("seen " + message));
    }

    [Fact]
    public void Notify_FromAnActor_OneNotifyEventWithTheEventAndNoMessageSent()
    {
        var notifier = Sys.Spawn(Props.Create<Notifier>(), "notifier");
        var sendsBefore = _trace.OfKind(TraceKind.Send).Count;

        notifier.Tell("x");
        Sys.RunUntilQuiescent();

        Single(TraceKind.Notify, e => e.Actor == notifier.Id.Value && Equals(e.Message, new Msg("seen x")));
        Assert.Equal(sendsBefore + 1, _trace.OfKind(TraceKind.Send).Count); // only the host's tell
    }

    [Fact]
    public void SendAndDeliver_FromHostAndFromActor_SenderAndTargetIds()
    {
        var echo = Sys.Spawn(Props.Create<EchoActor>());

        Probe.Send(echo, new Msg("x"));
        ExpectMsg(new Msg("x"));

        Single(TraceKind.Send, e => e.Actor == 0 && e.Other == echo.Id.Value && Equals(e.Message, new Msg("x")) && e.Time == VirtualTime.Zero);
        Single(TraceKind.Deliver, e => e.Actor == echo.Id.Value && e.Other == TestActor.Id.Value && Equals(e.Message, new Msg("x")));
        Single(TraceKind.Send, e => e.Actor == echo.Id.Value && e.Other == TestActor.Id.Value && Equals(e.Message, new Msg("x")));
        Single(TraceKind.Deliver, e => e.Actor == TestActor.Id.Value && e.Other == echo.Id.Value && Equals(e.Message, new Msg("x")));
    }

    [Fact]
    public void Stop_Actor_OneStopEventWithItsId()
    {
        var a = Sys.Spawn(Props.Create<EchoActor>());
        Watch(a);

        Sys.Stop(a);
        ExpectTerminated(a);

        Single(TraceKind.Stop, e => e.Actor == a.Id.Value);
    }

    [Fact]
    public void Timer_Fires_OwnerIdKeyAndTime()
    {
        var a = Sys.Spawn(TimerActor.Props(TestActor));

        a.Tell(new StartSingle("my-key", "tick", Duration.FromMilliseconds(4)));
        ExpectMsg<Stamped>();

        var fired = Single(TraceKind.Timer, e => e.Actor == a.Id.Value);
        Assert.Equal("my-key", fired.Text);
        Assert.Equal("tick", fired.Message);
        Assert.Equal(VirtualTime.Zero + Duration.FromMilliseconds(4), fired.Time);
        Single(TraceKind.Clock, e => e.Other == 4_000_000);
    }

    [Fact]
    public void Choice_ChooseInt_ChooserIdAndValue()
    {
        var chosen = -1;
        var a = SpawnLambda((self, _) => chosen = self.Context.ChooseInt(10));

        a.Tell("go");
        Settle();

        Single(TraceKind.Choice, e => e.Actor == a.Id.Value && e.Other == chosen);
    }

    [Fact]
    public void DeadLetter_ToStoppedActor_RecipientAndSenderIds()
    {
        var a = Sys.Spawn(Props.Create<EchoActor>());
        StopAndWait(a);

        a.Tell(new Msg("late"), TestActor);

        Single(TraceKind.DeadLetter, e => e.Actor == a.Id.Value && e.Other == TestActor.Id.Value && Equals(e.Message, new Msg("late")));
    }

    [Fact]
    public void Fault_HandlerThrows_FailingActorAndExceptionSummary()
    {
        var a = SpawnReporter("a");

        a.Tell(new Boom("bad thing"));
        ExpectHook("a", Hook.PreStart);
        ExpectHook("a", Hook.PreRestart);

        var fault = Single(TraceKind.Fault, e => e.Actor == a.Id.Value);
        Assert.Equal("TestException: bad thing", fault.Text);
        Assert.Equal(new Boom("bad thing"), fault.Message);
    }

    [Fact]
    public void Step_OfEachEvent_IsTheDecisionCountAtThatPoint()
    {
        var echo = Sys.Spawn(Props.Create<EchoActor>());
        Probe.Send(echo, "x");
        ExpectMsg("x");

        var steps = _trace.Events.Select(e => e.Step).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.Equal(Sys.RecordedSchedule().Decisions.Count, steps[^1]); // events of a step carry the count including its own decision
    }

    [Fact]
    public void Lines_CanonicalForm_TimeStepKindIdsMessageAndText()
    {
        var a = Sys.Spawn(Props.Create<EchoActor>(), "a");

        Assert.Equal(
            $"           0 #0      Spawn      a{a.Id.Value} o2 EchoActor [a]",
            _trace.Lines().Single(l => l.Contains("Spawn") && l.Contains("[a]")));
        Assert.Equal("\"text\"", TraceEvent.Describe("text"));
        Assert.Equal("EchoActor", TraceEvent.Describe(typeof(EchoActor)));
        Assert.Equal("TestException: why", TraceEvent.Describe(new TestException("why")));
        Assert.Equal("Msg { Text = m }", TraceEvent.Describe(new Msg("m")));
    }

    [Fact]
    public void Sink_ClearAndCount()
    {
        Sys.Spawn(Props.Create<EchoActor>());
        Assert.True(_trace.Count > 0);

        _trace.Clear();

        Assert.Equal(0, _trace.Count);
        Assert.Empty(_trace.Events);
    }
}
