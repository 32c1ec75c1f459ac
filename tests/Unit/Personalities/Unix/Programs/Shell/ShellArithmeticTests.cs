using MachActors.Personalities.Unix.Programs.Shell;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs.Shell;

/// <summary>The arithmetic expansion's evaluator without a machine.</summary>
public sealed class ShellArithmeticTests
{
    private static readonly Dictionary<string, string> Vars = new()
    {
        ["i"] = "4",
        ["neg"] = "-3",
        ["E"] = "",
        ["word"] = "abc",
    };

    private static string? Lookup(string name) => Vars.GetValueOrDefault(name);

    [Theory]
    [InlineData("1+2*3", 7)]
    [InlineData("(1+2)*3", 9)]
    [InlineData(" 7 / 2 ", 3)]
    [InlineData("-7 / 2", -3)]
    [InlineData("-7 % 3", -1)]
    [InlineData("10-4-3", 3)]
    [InlineData("2*3%4", 2)]
    [InlineData("-(2+3)", -5)]
    [InlineData("- -2", 2)]
    [InlineData("!0 + !5", 1)]
    [InlineData("i+1", 5)]
    [InlineData("i*neg", -12)]
    [InlineData("nope + E + 1", 1)]
    [InlineData("1 < 2", 1)]
    [InlineData("2 <= 1", 0)]
    [InlineData("3 > 2 == 1", 1)]
    [InlineData("3 >= 4", 0)]
    [InlineData("i == 4", 1)]
    [InlineData("i != 4", 0)]
    [InlineData("1 + 2 < 4", 1)]
    [InlineData("1 && 0 || 2", 1)]
    [InlineData("0 && 1", 0)]
    [InlineData("5 && 7", 1)]
    [InlineData("0 || 0", 0)]
    [InlineData("0 && 1/0", 0)]
    [InlineData("1 || 1/0", 1)]
    [InlineData("9223372036854775807 + 1", long.MinValue)]
    [InlineData("-9223372036854775807 - 1", long.MinValue)]
    [InlineData("(-9223372036854775807 - 1) / -1", long.MinValue)]
    [InlineData("(-9223372036854775807 - 1) % -1", 0)]
    public void Evaluate_Expression_Value(string expression, long expected)
    {
        var (value, error) = ShellArithmetic.Evaluate(expression, Lookup);

        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("7/0", "division by zero")]
    [InlineData("1 % (i-4)", "division by zero")]
    [InlineData("1 && 1/0", "division by zero")]
    [InlineData("1 +", "syntax error: expression ends early")]
    [InlineData("", "syntax error: expression ends early")]
    [InlineData("(1", "missing ) in expression")]
    [InlineData("1 2", "syntax error in expression '1 2'")]
    [InlineData("1 = 2", "syntax error in expression '1 = 2'")]
    [InlineData("1 | 2", "syntax error in expression '1 | 2'")]
    [InlineData("2 * @", "syntax error in expression near '@'")]
    [InlineData("word + 1", "bad number 'abc'")]
    [InlineData("12a", "bad number '12a'")]
    [InlineData("99999999999999999999", "bad number '99999999999999999999'")]
    [InlineData("#", "syntax error in expression near '#'")]
    public void Evaluate_Bad_ErrorNoValue(string expression, string expected)
    {
        var (value, error) = ShellArithmetic.Evaluate(expression, Lookup);

        Assert.Null(value);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Evaluate_DeepNesting_ErrorNotStackOverflow()
    {
        var deep = new string('(', 100_000) + "1" + new string(')', 100_000);

        Assert.Equal((1L, (string?)null), ShellArithmetic.Evaluate(new string('(', 199) + "1" + new string(')', 199), Lookup));
        Assert.Equal((null, "expression nested too deep"), ShellArithmetic.Evaluate(deep, Lookup));
        Assert.Equal((null, "expression nested too deep"), ShellArithmetic.Evaluate(new string('-', 100_000) + "1", Lookup));
    }
}
