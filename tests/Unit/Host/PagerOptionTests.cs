using MachActors.Tests.Unit.Pagers.Sdk;

namespace MachActors.Tests.Unit.Host;

/// <summary>--pager on run, explore and replay: bad input exits 2 naming the file and the type; a plugin that throws exits 1 with the pager named.</summary>
public class PagerOptionTests
{
    private static readonly string ThisAssembly = typeof(PagerOptionTests).Assembly.Location;

    [Fact]
    public void Run_WithAMissingPagerAssembly_ExitsWith2NamingFileAndType() =>
        CliInvocation.Of("run", "--pager", "/no/such/dir/pager.dll:My.Pager").FailsWithUsage("/no/such/dir/pager.dll", "My.Pager", "does not exist");

    [Fact]
    public void Run_WithAClassThatIsNoPager_ExitsWith2() =>
        CliInvocation.Of("run", "--pager", ThisAssembly + ":" + typeof(PagerOptionTests).FullName).FailsWithUsage(typeof(PagerOptionTests).FullName!, "is not a concrete class derived from");

    [Fact]
    public void Run_WithAPagerAndAWorkloadWithoutAMemoryObject_ExitsWith2() =>
        CliInvocation.Of("run", "--workload", "ipc", "--pager", ThisAssembly + ":" + nameof(ThrowingRequestPager)).FailsWithUsage("workload 'ipc' maps none");

    [Fact]
    public void Run_WithAPagerThatThrows_ExitsWith1NamingThePagerAndItsException()
    {
        var run = CliInvocation.Of("run", "--pager", ThisAssembly + ":" + nameof(ThrowingRequestPager));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The pager stopped (its memory object took the pager-death path): InvalidOperationException: data_request bug", run.Out);
        Assert.Contains($"the pager {typeof(ThrowingRequestPager).FullName} from {ThisAssembly} stopped", run.Err);
        Assert.Contains("EXC_BAD_ACCESS", run.Out);
    }

    [Fact]
    public void Run_PagerWorkloadWithoutAPlugin_UsesTheMemoryPager() =>
        CliInvocation.Of("run", "--workload", "pager").Succeeds("pager: the built-in memory pager", "no faults");

    [Fact]
    public void Explore_WithAPagerOnAScenarioWithoutOne_ExitsWith2ListingTheScenariosThatTakeOne() =>
        CliInvocation.Of("explore", "vm-lock-race", "--pager", ThisAssembly + ":" + nameof(ParameterlessPager))
            .FailsWithUsage("scenario 'vm-lock-race' has no memory object", "vm-shared-page", "vm-terminate-race");

    [Fact]
    public void Explore_WithAnUnknownPagerType_ExitsWith2NamingFileAndType() =>
        CliInvocation.Of("explore", "vm-shared-page", "--pager", ThisAssembly + ":Nope").FailsWithUsage(ThisAssembly, "'Nope'", "no such public class");

    [Fact]
    public void ExploreList_MarksTheScenariosThatTakeAPager() =>
        CliInvocation.Of("explore", "--list").Succeeds("--pager", "vm-shared-page");
}
