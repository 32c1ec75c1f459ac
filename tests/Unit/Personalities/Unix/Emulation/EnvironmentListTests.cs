using System.Collections.Immutable;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Tests.Unit.Personalities.Unix.Emulation;

/// <summary>The environment list without a machine: entries, getenv, setenv, unsetenv, the exec request's form and bound, execvp's search path.</summary>
public sealed class EnvironmentListTests
{
    [Fact]
    public void Clean_MalformedAndRepeatedEntries_DroppedFirstOfEachNameKept()
    {
        var cleaned = EnvironmentList.Clean(["A=1", "junk", "=x", null, "", "A=2", "B=", "C=x=y", "D\u001f=1", "E=a\u001fb"]);

        Assert.Equal(["A=1", "B=", "C=x=y"], cleaned.AsEnumerable());
    }

    [Theory]
    [InlineData("A", true)]
    [InlineData("lower_1", true)]
    [InlineData("", false)]
    [InlineData("A=B", false)]
    [InlineData("A\nB", false)]
    [InlineData(null, false)]
    public void IsName_Name_Valid(string? name, bool expected)
    {
        Assert.Equal(expected, EnvironmentList.IsName(name));
    }

    [Fact]
    public void Get_SetAndUnset_InPlaceAppendedAndRemoved()
    {
        ImmutableArray<string> environ = ["HOME=/", "PATH=/bin"];

        var set = EnvironmentList.Set(environ, "HOME", "/tmp")!.Value;
        var added = EnvironmentList.Set(set, "X", "a=b")!.Value;
        var removed = EnvironmentList.Unset(added, "PATH");

        Assert.Equal(["HOME=/tmp", "PATH=/bin"], set.AsEnumerable());
        Assert.Equal(["HOME=/tmp", "PATH=/bin", "X=a=b"], added.AsEnumerable());
        Assert.Equal(["HOME=/tmp", "X=a=b"], removed.AsEnumerable());
        Assert.Equal("a=b", EnvironmentList.Get(removed, "X"));
        Assert.Null(EnvironmentList.Get(removed, "PATH"));
        Assert.Null(EnvironmentList.Get(removed, "HOM"));
        Assert.Equal(removed, EnvironmentList.Unset(removed, "NOPE"));
        Assert.Equal("", EnvironmentList.Get(["E="], "E"));
    }

    [Theory]
    [InlineData("", "v")]
    [InlineData("A=B", "v")]
    [InlineData("A", "x\u001fy")]
    [InlineData("A", "x\0y")]
    public void Set_BadNameOrValue_Null(string name, string value)
    {
        Assert.Null(EnvironmentList.Set([], name, value));
    }

    [Fact]
    public void JoinSplit_Strings_RoundTrip()
    {
        Assert.Equal(["a", "", "b=c"], EnvironmentList.Split(EnvironmentList.Join(["a", "", "b=c"])).AsEnumerable());
        Assert.Empty(EnvironmentList.Split(""));
    }

    [Fact]
    public void Fits_AtAndOverTheBound_TrueThenFalse()
    {
        Assert.True(EnvironmentList.Fits([new string('x', EnvironmentList.MaxBytes)]));
        Assert.False(EnvironmentList.Fits([new string('x', EnvironmentList.MaxBytes + 1)]));
        Assert.False(EnvironmentList.Fits([new string('x', EnvironmentList.MaxBytes / 2), new string('x', EnvironmentList.MaxBytes / 2)])); // the separator counts
        Assert.False(EnvironmentList.Fits([new string('\u00e9', (EnvironmentList.MaxBytes / 2) + 1)])); // UTF-8 bytes, not characters
    }

    [Theory]
    [InlineData("prog", null, new[] { "/bin/prog" })]
    [InlineData("prog", "/a:/b/:", new[] { "/a/prog", "/b/prog", "./prog" })]
    [InlineData("prog", "/", new[] { "/prog" })]
    [InlineData("prog", "", new[] { "./prog" })]
    [InlineData("./prog", "/a", new[] { "./prog" })]
    [InlineData("/bin/prog", "/nope", new[] { "/bin/prog" })]
    [InlineData("", "/a", new string[0])]
    public void Candidates_NameAndPath_TriedInOrder(string name, string? path, string[] expected)
    {
        Assert.Equal(expected, EnvironmentList.Candidates(name, path));
    }
}
