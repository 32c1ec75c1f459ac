using MachActors.Personalities.Unix.Fs;
using MachActors.Personalities.Unix.Programs;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs;

/// <summary>test's expressions without a machine, over a fake tree: /d a directory, /f a file.</summary>
public sealed class TestProgramTests
{
    private static Task<FileKind?> Kind(string path) => Task.FromResult<FileKind?>(path switch
    {
        "/d" => FileKind.Directory,
        "/f" => FileKind.Regular,
        _ => null,
    });

    [Theory]
    [InlineData("", false)]
    [InlineData("x", true)]
    [InlineData("''", false)]
    [InlineData("-n x", true)]
    [InlineData("-n ''", false)]
    [InlineData("-z ''", true)]
    [InlineData("a = a", true)]
    [InlineData("a = b", false)]
    [InlineData("a != b", true)]
    [InlineData("2 -lt 10", true)]
    [InlineData("10 -lt 2", false)]
    [InlineData("-3 -le -3", true)]
    [InlineData("3 -ge 4", false)]
    [InlineData("3 -gt 2", true)]
    [InlineData("7 -eq 7", true)]
    [InlineData("7 -ne 7", false)]
    [InlineData("-e /f", true)]
    [InlineData("-e /nope", false)]
    [InlineData("-f /f", true)]
    [InlineData("-f /d", false)]
    [InlineData("-d /d", true)]
    [InlineData("! -d /f", true)]
    [InlineData("! a = a", false)]
    [InlineData("a = b -o -d /d", true)]
    [InlineData("a = a -a 1 -gt 2", false)]
    [InlineData("a = b -o x -a ''", false)]
    [InlineData("!", true)]
    [InlineData("-n", true)]
    public async Task Evaluate_Expression_Result(string expression, bool expected)
    {
        var (result, error) = await Test.Evaluate(Words(expression), Kind);

        Assert.Null(error);
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("x y", "x: unary operator expected")]
    [InlineData("-q x", "-q: unary operator expected")]
    [InlineData("a -lt 2", "a: integer expression expected")]
    [InlineData("1 -lt b", "b: integer expression expected")]
    [InlineData("1 -xx 2", "-xx: binary operator expected")]
    [InlineData("a b c d", "d: unexpected argument")]
    public async Task Evaluate_Malformed_Error(string expression, string expected)
    {
        var (_, error) = await Test.Evaluate(Words(expression), Kind);

        Assert.Equal(expected, error);
    }

    private static string[] Words(string expression) =>
        [.. expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w == "''" ? "" : w)];
}
