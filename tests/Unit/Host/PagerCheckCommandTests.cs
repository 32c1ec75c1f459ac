using MachActors.Tests.Unit.Pagers.Sdk;
using MachActors.Tests.Unit.Scenarios.Conformance;

namespace MachActors.Tests.Unit.Host;

/// <summary>
/// <c>machactors pager-check</c>: the built sample and the built-in memory pager pass (exit 0), a pager that
/// throws fails naming the duty (exit 1), a pager that loses returned pages fails with a race's schedule
/// file and replay command (exit 1), bad input exits 2 naming the file and the type. Explorations run
/// one or two iterations per strategy here (the default budget is 50).
/// </summary>
[Collection(CustomPagerSampleCollection.Name)]
public sealed class PagerCheckCommandTests(CustomPagerSampleTests.Build sample) : IDisposable
{
    private static readonly string ThisAssembly = typeof(PagerCheckCommandTests).Assembly.Location;

    private readonly string _out = Directory.CreateTempSubdirectory("pager-check-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private CliInvocation Check(string pager, int iterations = 1) =>
        CliInvocation.Of("pager-check", pager, "--iterations", iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", _out);

    [Fact]
    public void PagerCheck_TheSamplePlugin_PassesAndExits0()
    {
        Assert.True(sample.ExitCode == 0, "dotnet build of samples/CustomPager failed:\n" + sample.BuildLog);

        var run = Check(sample.Spec, 2).Succeeds("pager-check: CustomPager.PatternPager from", "explore vm-pageout-refault", "0 fail", "2 iterations each");

        Assert.Matches(@"│ terminate\s+│ pass\s+│", run.Out); // it keeps pages across terminate: pass, not advisory
    }

    [Fact]
    public void PagerCheck_TheBuiltInMemoryPager_PassesAndExits0() =>
        Check("memory").Succeeds("the built-in memory pager", "12 pass, 0 fail, 0 advisory, 1 n/a");

    [Fact]
    public void PagerCheck_APagerThrowingInItsHandler_Exits1NamingTheDutyAndTheException()
    {
        var run = Check(ThisAssembly + ":" + nameof(ThrowingRequestPager));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"│ supply\s+│ fail\s+│ the pager stopped \(InvalidOperationException: data_request bug\)", run.Out);
        Assert.Contains($"the pager {typeof(ThrowingRequestPager).FullName} from {ThisAssembly} stopped during the check: InvalidOperationException: data_request bug", run.Err);
    }

    [Fact]
    public void PagerCheck_APagerThrowingInItsConstructor_Exits1()
    {
        var run = Check(ThisAssembly + ":" + nameof(ThrowingConstructorPager));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("constructor bug", run.Err);
        Assert.Contains("13 checks: 0 pass, 13 fail", run.Out);
    }

    [Fact]
    public void PagerCheck_APagerLosingReturnedPages_Exits1WithTheRacesScheduleAndReplayCommand()
    {
        var run = Check(ThisAssembly + ":" + nameof(ForgetfulPager));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("does not persist", run.Out);
        var replay = Assert.Single(run.Out.Split('\n'), l => l.StartsWith("explore vm-pageout-refault: machactors replay ", StringComparison.Ordinal));
        Assert.True(File.Exists(replay["explore vm-pageout-refault: machactors replay ".Length..].Trim()), replay);
    }

    [Fact]
    public void PagerCheck_AMissingAssembly_Exits2NamingFileAndType() =>
        CliInvocation.Of("pager-check", "/no/such/dir/pager.dll:My.Pager").FailsWithUsage("/no/such/dir/pager.dll", "My.Pager", "does not exist");

    [Fact]
    public void PagerCheck_AClassThatIsNoPager_Exits2() =>
        CliInvocation.Of("pager-check", ThisAssembly + ":" + typeof(PagerCheckCommandTests).FullName).FailsWithUsage(typeof(PagerCheckCommandTests).FullName!, "is not a concrete class derived from");

    [Fact]
    public void PagerCheck_NoIterations_Exits2() =>
        CliInvocation.Of("pager-check", "memory", "--iterations", "0").FailsWithUsage("--iterations must be at least 1");
}
