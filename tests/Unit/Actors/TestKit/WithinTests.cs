namespace MachActors.Tests.Unit.Actors.TestKit;

public sealed class WithinTests : ActorTestBase
{
    private static Duration Ms(long n) => Duration.FromMilliseconds(n);

    [Fact]
    public void Within_BlockEndsBeforeMax_Passes()
    {
        Sys.ScheduleTellOnce(Ms(50), TestActor, "in time");

        Within(Ms(100), () => ExpectMsg("in time"));

        Assert.Equal(VirtualTime.Zero + Ms(50), Now);
    }

    [Fact]
    public void Within_BlockTakesLongerThanMax_Fails()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => Within(Ms(100), () => Sys.RunFor(Ms(150))));

        Assert.Contains("block took 150ms of virtual time, more than the maximum 100ms", e.Message);
    }

    [Fact]
    public void Within_BlockShorterThanMin_Fails()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => Probe.Within(Ms(50), Ms(100), () => Sys.RunFor(Ms(10))));

        Assert.Contains("less than the minimum 50ms", e.Message);
    }

    [Fact]
    public void Within_BetweenMinAndMax_ReturnsTheBodysResult()
    {
        Sys.ScheduleTellOnce(Ms(70), TestActor, "x");

        var got = Probe.Within(Ms(50), Ms(100), () => ExpectMsg<string>());

        Assert.Equal("x", got);
    }

    [Fact]
    public void Within_ExpectationInside_TimesOutAtTheWithinDeadline()
    {
        Sys.ScheduleTellOnce(Ms(500), TestActor, "too late");

        var e = Assert.Throws<TestKitAssertionException>(() => Within(Ms(100), () => ExpectMsg<string>()));

        Assert.Contains("timeout (100ms)", e.Message);
        Assert.Equal(VirtualTime.Zero + Ms(100), Now);
    }

    [Fact]
    public void Remaining_InsideAndOutsideWithin()
    {
        Duration? inside = null, nested = null;

        Within(Ms(100), () =>
        {
            Sys.RunFor(Ms(30));
            inside = Probe.Remaining;
            Within(Ms(500), () => nested = Probe.Remaining); // the outer deadline is earlier
        });

        Assert.Equal(Ms(70), inside);
        Assert.Equal(Ms(70), nested);
        Assert.Equal(Probe.DefaultTimeout, Probe.Remaining);
    }
}
