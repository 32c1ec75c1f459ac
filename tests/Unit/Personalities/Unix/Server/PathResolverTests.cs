using MachActors.Personalities.Unix.Server;

namespace MachActors.Tests.Unit.Personalities.Unix.Server;

/// <summary>Path resolution without a machine: relative paths from the current directory, "." and "..".</summary>
public sealed class PathResolverTests
{
    [Theory]
    [InlineData("/", "/etc/passwd", "/etc/passwd")]
    [InlineData("/a/b", "/x", "/x")]
    [InlineData("/a/b", "f", "/a/b/f")]
    [InlineData("/a/b", "c/d", "/a/b/c/d")]
    [InlineData("/", "f", "/f")]
    [InlineData("/a/b", ".", "/a/b")]
    [InlineData("/a/b", "./f", "/a/b/f")]
    [InlineData("/a/b", "..", "/a")]
    [InlineData("/a/b", "../..", "/")]
    [InlineData("/a/b", "../../../..", "/")]
    [InlineData("/", "..", "/")]
    [InlineData("/a", "../b/./c/../d", "/b/d")]
    [InlineData("/a", "//x///y/", "/x/y")]
    [InlineData("/a", "/x/../../y", "/y")]
    [InlineData("/a", "x/", "/a/x")]
    [InlineData("/a", "...", "/a/...")]
    [InlineData("/a", ".hidden", "/a/.hidden")]
    public void Resolve_PathFromCwd_Canonical(string cwd, string path, string expected)
    {
        Assert.Equal(expected, PathResolver.Resolve(cwd, path));
    }

    [Fact]
    public void Resolve_EmptyPath_StaysEmpty()
    {
        Assert.Equal("", PathResolver.Resolve("/a", ""));
    }
}
