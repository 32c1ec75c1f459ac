using MachActors.Pagers;
using MachActors.Pagers.Sdk;

namespace MachActors.Tests.Unit.Pagers;

/// <summary>The built-in pager table and its names through the plugin loader.</summary>
public class BuiltInPagersTests
{
    public static TheoryData<string> Names => [.. BuiltInPagers.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void TryLoad_ABuiltInName_GivesThatPagerWithItsNameAsSpec(string name)
    {
        Assert.True(PagerPlugin.TryLoad(name, out var plugin, out var error), error?.Message);

        Assert.Equal(name, plugin.Spec);
        Assert.Same(BuiltInPagers.All.Single(p => p.Name == name), plugin.BuiltIn);
        Assert.Equal(plugin.BuiltIn!.Type, plugin.Type);
        Assert.Contains($"the built-in {name} pager", plugin.ToString());
        Assert.True(typeof(Pager).IsAssignableFrom(plugin.Type));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("compressing")]
    [InlineData("dsm")]
    public void ExamplePagers_HaveThePluginConventionsConstructor(string name)
    {
        Assert.True(BuiltInPagers.TryFind(name, out var pager));

        Assert.NotNull(pager.Type.GetConstructor([typeof(int)])); // (int pageSize): the contract tests' and PATH.dll:Type's convention
        Assert.NotNull(pager.StatsQuery);
    }

    [Fact]
    public void TryLoad_AnUnknownName_IsBadFormatListingTheBuiltInNames()
    {
        Assert.False(PagerPlugin.TryLoad("nope", out _, out var error));

        Assert.Equal(PagerLoadProblem.BadFormat, error.Problem);
        Assert.Contains("PATH.dll:Namespace.Type", error.Message);
        Assert.Contains(BuiltInPagers.Names, error.Message);
    }

    [Fact]
    public void TryFind_IsExactAndTrimmed()
    {
        Assert.True(BuiltInPagers.TryFind(" dsm ", out var dsm));
        Assert.Equal("dsm", dsm.Name);
        Assert.False(BuiltInPagers.TryFind("DSM", out _));
    }

    [Fact]
    public void All_NamesAreUnique() =>
        Assert.Equal(BuiltInPagers.All.Count, BuiltInPagers.All.Select(p => p.Name).Distinct().Count());
}
