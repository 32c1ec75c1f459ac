using System.Text.RegularExpressions;

namespace MachActors.Tests.Unit.Host;

/// <summary>--pager NAME: the built-in pagers on run (their stats in the summary) and explore; an unknown name exits 2 listing them.</summary>
public class BuiltInPagerOptionTests
{
    /// <summary>The output with every run of white space (Spectre's wrapping included) made one space.</summary>
    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    [Theory]
    [InlineData("compressing", "MachActors.Pagers.Compressing.CompressingPager", "8 page(s) stored, 32768 bytes raw")]
    [InlineData("file", "MachActors.Pagers.File.FilePager", "object 1 -> ")]
    [InlineData("dsm", "MachActors.Pagers.Dsm.DsmPager", "coherence: no violation")]
    [InlineData("memory", "MachActors.Pagers.Memory.MemoryPager", "no faults")]
    public void Run_WithABuiltInPager_PassesTheWorkloadAndPrintsItsStats(string name, string type, string stats)
    {
        var run = CliInvocation.Of("run", "--pager", name).Succeeds("no faults");

        var flat = Flat(run.Out);
        Assert.Contains($"pager: the built-in {name} pager ({type})", flat);
        Assert.Contains(stats, flat);
    }

    [Fact]
    public void Run_CompressingPager_ReportsTheRatio() =>
        Assert.Matches(@"Pager: .* bytes compressed, ratio \d+\.\d\d:1", Flat(CliInvocation.Of("run", "--pager", "compressing", "--parallel").Succeeds().Out));

    [Fact]
    public void Run_FilePager_NamesItsFile() =>
        Assert.Matches(@"Pager: object 1 -> \S*object-1\.bin \(a scratch folder", Flat(CliInvocation.Of("run", "--pager", "file").Succeeds().Out));

    [Fact]
    public void Run_WithAnUnknownName_ExitsWith2ListingTheBuiltInPagers() =>
        CliInvocation.Of("run", "--pager", "nope").FailsWithUsage("'nope'", "memory, file, compressing, dsm");

    [Theory]
    [InlineData("vm-shared-page", "compressing")]
    [InlineData("vm-pageout-refault", "file")]
    [InlineData("vm-shared-object", "dsm")]
    public void Explore_WithABuiltInPager_FindsNoBug(string scenario, string pager) =>
        CliInvocation.Of("explore", scenario, "--pager", pager, "--strategy", "random", "--iterations", "3").Succeeds();
}
