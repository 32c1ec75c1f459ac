using MachActors.Personalities.Unix.Programs.Shell;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs.Shell;

/// <summary>Pattern matching and pathname expansion over a fake directory tree, without a machine.</summary>
public sealed class ShellGlobTests
{
    private static readonly Dictionary<string, string[]> Tree = new()
    {
        ["/"] = ["bin", "tmp"],
        ["/bin"] = ["cat", "cp", "echo", "ls"],
        ["/bin/"] = ["cat", "cp", "echo", "ls"],
        ["/tmp"] = ["a-b", "a.c", "b.c", ".hidden", "d"],
        ["/tmp/"] = ["a-b", "a.c", "b.c", ".hidden", "d"],
        ["/tmp/a-b/"] = ["x"],
        ["/tmp/d/"] = ["x", "y"],
        ["."] = ["f1", "f2", "g"],
    };

    private static Task<IReadOnlyList<string>?> List(string dir) =>
        Task.FromResult<IReadOnlyList<string>?>(Tree.TryGetValue(dir, out var names) ? names : null);

    private static Task<IReadOnlyList<string>> Glob(string pattern) =>
        ShellGlob.Expand(new ShellField(pattern, [.. pattern.Select(c => c is '*' or '?' or '[' or ']')]), List);

    [Theory]
    [InlineData("/bin/c*", new[] { "/bin/cat", "/bin/cp" })]
    [InlineData("/bin/??", new[] { "/bin/cp", "/bin/ls" })]
    [InlineData("/bin/[ce]*", new[] { "/bin/cat", "/bin/cp", "/bin/echo" })]
    [InlineData("/bin/[!c]*", new[] { "/bin/echo", "/bin/ls" })]
    [InlineData("/bin/[a-d]?t", new[] { "/bin/cat" })]
    [InlineData("/tmp/*", new[] { "/tmp/a-b", "/tmp/a.c", "/tmp/b.c", "/tmp/d" })]
    [InlineData("/tmp/.*", new[] { "/tmp/.hidden" })]
    [InlineData("/tmp/*/x", new[] { "/tmp/a-b/x", "/tmp/d/x" })]
    [InlineData("/tmp/*/", new[] { "/tmp/a-b/", "/tmp/d/" })]
    [InlineData("/*/c?", new[] { "/bin/cp" })]
    [InlineData("f*", new[] { "f1", "f2" })]
    [InlineData("*", new[] { "f1", "f2", "g" })]
    [InlineData("/bin/z*", new[] { "/bin/z*" })]
    [InlineData("/tmp/*/nope", new[] { "/tmp/*/nope" })]
    [InlineData("/no/*", new[] { "/no/*" })]
    [InlineData("/bin/[c", new[] { "/bin/[c" })]
    [InlineData("/bin/cat", new[] { "/bin/cat" })]
    public async Task Expand_Pattern_SortedMatchesOrTheWord(string pattern, string[] expected)
    {
        Assert.Equal(expected, await Glob(pattern));
    }

    [Fact]
    public async Task Expand_QuotedStar_NotAPattern()
    {
        var field = new ShellField("/bin/c*", [.. "/bin/c*".Select(_ => false)]);

        Assert.Equal(["/bin/c*"], await ShellGlob.Expand(field, List));
    }

    [Theory]
    [InlineData("*", "abc", true)]
    [InlineData("a*c", "abbbc", true)]
    [InlineData("a*c", "abcd", false)]
    [InlineData("*a*", "bab", true)]
    [InlineData("?", "", false)]
    [InlineData("[]x]", "]", true)]
    [InlineData("[^a]", "a", false)]
    [InlineData("*", ".x", false)]
    [InlineData(".*", ".x", true)]
    [InlineData("**b", "ab", true)]
    public void Matches_PatternName(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, ShellGlob.Matches(pattern, name));
    }
}
