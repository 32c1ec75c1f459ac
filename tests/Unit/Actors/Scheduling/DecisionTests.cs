using MachActors.Actors.Scheduling;

namespace MachActors.Tests.Unit.Actors.Scheduling;

public sealed class DecisionTests
{
    [Theory]
    [InlineData(DecisionKind.Deliver, 17, "d17")]
    [InlineData(DecisionKind.FireTimer, 0, "t")]
    [InlineData(DecisionKind.UserFirst, 9, "u9")]
    [InlineData(DecisionKind.Bool, 0, "b0")]
    [InlineData(DecisionKind.Bool, 1, "b1")]
    [InlineData(DecisionKind.Int, 3, "i3")]
    public void ToStringAndParse_RoundTrip(DecisionKind kind, int value, string text)
    {
        var decision = new Decision(kind, value);

        Assert.Equal(text, decision.ToString());
        Assert.Equal(decision, Decision.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("d")]
    [InlineData("b2")]
    [InlineData("t1")]
    [InlineData("u")]
    [InlineData("i")]
    [InlineData("dx")]
    public void Parse_NotADecision_ThrowsFormatException(string text)
    {
        var e = Assert.Throws<FormatException>(() => Decision.Parse(text));

        Assert.Contains($"'{text}'", e.Message);
    }

    [Fact]
    public void Schedule_DecisionsText_RoundTrips()
    {
        Decision[] decisions = [new(DecisionKind.Deliver, 4), new(DecisionKind.FireTimer, 0), new(DecisionKind.Bool, 1), new(DecisionKind.Int, 2)];
        var schedule = new Schedule("random(seed=1)", 1, decisions);

        Assert.Equal("d4 t b1 i2", schedule.DecisionsText());
        Assert.Equal(decisions, Schedule.ParseDecisions("  d4 t  b1 i2 "));
    }
}
