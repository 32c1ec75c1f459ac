using MachActors.Actors.Scheduling;

namespace MachActors.Tests.Unit.Actors.Scheduling;

public sealed class ChoiceTests
{
    /// <summary>Makes <paramref name="count"/> ChooseBool and ChooseInt(5) calls in one actor and returns the answers and the schedule.</summary>
    private static (List<int> Answers, Schedule Schedule) Choose(ActorSystemOptions options, int count = 6)
    {
        var answers = new List<int>();
        var sys = ActorSystem.Create("choices", options);
        var chooser = sys.Spawn(LambdaActor.Props((self, _) =>
        {
            for (var i = 0; i < count; i++)
            {
                answers.Add(self.Context.ChooseBool() ? 1 : 0);
                answers.Add(self.Context.ChooseInt(5));
            }
        }));
        chooser.Tell("go");
        sys.RunUntilQuiescent();
        return (answers, sys.RecordedSchedule());
    }

    [Fact]
    public void Choose_Answers_AreRecordedAsBoolAndIntDecisions()
    {
        var (answers, schedule) = Choose(new ActorSystemOptions { Seed = 3 });

        var choices = schedule.Decisions.Where(d => d.Kind is DecisionKind.Bool or DecisionKind.Int).ToList();
        Assert.Equal(answers, choices.Select(d => d.Value));
        Assert.Equal(Enumerable.Repeat(new[] { DecisionKind.Bool, DecisionKind.Int }, 6).SelectMany(k => k), choices.Select(d => d.Kind));
        Assert.All(answers.Where((_, i) => i % 2 == 1), v => Assert.InRange(v, 0, 4));
    }

    [Fact]
    public void Choose_Replayed_GivesTheRecordedAnswers()
    {
        var (recorded, schedule) = Choose(new ActorSystemOptions { Seed = 3 });

        var (replayed, _) = Choose(new ActorSystemOptions { Strategy = new ReplayStrategy(schedule) });

        Assert.Equal(recorded, replayed);
    }

    [Fact]
    public void Choose_ReplayedAnswerOutOfRange_ThrowsDivergence()
    {
        var (_, schedule) = Choose(new ActorSystemOptions { Seed = 3 }, count: 1);
        var tampered = schedule with
        {
            Decisions = schedule.Decisions.Select(d => d.Kind == DecisionKind.Int ? d with { Value = 9 } : d).ToList(),
        };

        var e = Assert.Throws<ReplayDivergenceException>(() => Choose(new ActorSystemOptions { Strategy = new ReplayStrategy(tampered) }, count: 1));

        Assert.Contains("outside [0, 5)", e.Message);
    }

    [Fact]
    public void ChooseInt_StrategyAnswersOutOfRange_RunFailsWithSchedulingException()
    {
        var sys = ActorSystem.Create("bad", new ActorSystemOptions { Strategy = new OutOfRangeChoices() });
        var chooser = sys.Spawn(LambdaActor.Props((self, _) => self.Context.ChooseInt(2)), "chooser");
        chooser.Tell("go");

        var e = Assert.Throws<SchedulingException>(() => sys.RunUntilQuiescent());

        Assert.Contains("ChooseInt(2)", e.Message);
        Assert.Contains("/user/chooser", e.Message);
    }

    [Fact]
    public void ChooseInt_NonPositiveBound_FailsTheActor()
    {
        using var kit = new Kit(DispatcherKind.Controlled);
        var failures = kit.SubscribeProbe<ActorFailed>();
        var chooser = kit.SpawnLambda((self, _) => self.Context.ChooseInt(0));

        chooser.Tell("go");

        Assert.IsType<ArgumentOutOfRangeException>(failures.ExpectMsg<ActorFailed>().Cause);
    }

    /// <summary>Delivers to the first ready actor and answers every ChooseInt with its bound (one too many).</summary>
    private sealed class OutOfRangeChoices : ISchedulingStrategy
    {
        public string Name => "out-of-range";

        public string Description => Name;

        public ulong Seed => 0;

        public ActorId NextActor(ReadyActors ready) => ready[0];

        public bool FireTimerEarly(TimerPoint timer, ReadyActors ready) => false;

        public bool NextBool(ActorId chooser) => true;

        public int NextInt(ActorId chooser, int maxExclusive) => maxExclusive;
    }
}
