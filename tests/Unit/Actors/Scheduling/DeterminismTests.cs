namespace MachActors.Tests.Unit.Actors.Scheduling;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(42UL)]
    public void SameSeed_TwoRuns_IdenticalTraceAndSchedule(ulong seed)
    {
        var first = RaceWorkload.Run(new ActorSystemOptions { Seed = seed });
        var second = RaceWorkload.Run(new ActorSystemOptions { Seed = seed });

        Assert.Equal(first.Trace, second.Trace);
        Assert.Equal(first.Schedule.DecisionsText(), second.Schedule.DecisionsText());
        Assert.Equal(first.Arrivals, second.Arrivals);
        Assert.NotEmpty(first.Trace);
    }

    [Fact]
    public void DifferentSeeds_RacyWorkload_UsuallyDifferentRuns()
    {
        var runs = Enumerable.Range(1, 8).Select(s => RaceWorkload.Run(new ActorSystemOptions { Seed = (ulong)s })).ToList();

        Assert.True(runs.Select(r => string.Join("|", r.Arrivals)).Distinct().Count() >= 6, "arrival orders should vary with the seed");
        Assert.Equal(8, runs.Select(r => r.Schedule.DecisionsText()).Distinct().Count());
    }

    [Fact]
    public void RecordedSchedule_NamesTheStrategyAndSeed()
    {
        var run = RaceWorkload.Run(new ActorSystemOptions { Seed = 7 });

        Assert.Equal("random(seed=7)", run.Schedule.Strategy);
        Assert.Equal(7UL, run.Schedule.Seed);
    }

    [Fact]
    public void PerSenderFifo_AnySeed_EachProducersMessagesArriveInOrder()
    {
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var arrivals = RaceWorkload.Run(new ActorSystemOptions { Seed = seed }).Arrivals;

            foreach (var producer in arrivals.Where(a => !a.EndsWith(":timer", StringComparison.Ordinal)).GroupBy(a => a.Split(':')[0]))
            {
                var numbers = producer.Select(a => int.Parse(a.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(Enumerable.Range(0, numbers.Count), numbers);
            }
        }
    }
}
