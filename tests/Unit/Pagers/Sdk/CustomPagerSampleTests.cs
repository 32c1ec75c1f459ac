using System.Diagnostics;
using MachActors.Exploration;
using MachActors.Exploration.Strategies;
using MachActors.Kernel;
using MachActors.Kernel.Programs.Workloads;
using MachActors.Pagers.Memory;
using MachActors.Pagers.Sdk;
using MachActors.Scenarios;
using MachActors.Tests.Unit.Host;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Pagers.Sdk;

/// <summary>
/// samples/CustomPager, built once with <c>dotnet build</c> into a temporary directory (about half a
/// minute), loaded through the plugin loader as a newcomer would load it, and run: the pager workload
/// on both dispatchers, <c>machactors run --pager</c>, and explorations of scenarios whose memory
/// object it serves (with a test pager that keeps nothing as the seeded bug those explorations find).
/// The build is shared with every class of the <see cref="CustomPagerSampleCollection"/>.
/// </summary>
[Collection(CustomPagerSampleCollection.Name)]
public sealed class CustomPagerSampleTests(CustomPagerSampleTests.Build sample)
{
    /// <summary>The sample built once for the test run (a collection fixture); its directory is removed afterwards.</summary>
    public sealed class Build : IDisposable
    {
        public Build()
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !System.IO.File.Exists(Path.Combine(root.FullName, "MachActors.sln"))) root = root.Parent;
            Assert.NotNull(root);
            Output = Directory.CreateTempSubdirectory("custom-pager-").FullName;
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    "build", Path.Combine(root.FullName, "samples", "CustomPager", "CustomPager.csproj"), "-c", "Release", "-o", Output,
                    "-nodeReuse:false", "-p:UseSharedCompilation=false", "--nologo", "-v", "q",
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var build = Process.Start(start)!;
            var log = build.StandardOutput.ReadToEndAsync();
            var errors = build.StandardError.ReadToEnd();
            build.WaitForExit();
            BuildLog = log.Result + errors;
            ExitCode = build.ExitCode;
        }

        public string Output { get; }

        public string BuildLog { get; }

        public int ExitCode { get; }

        public string Spec => Path.Combine(Output, "CustomPager.dll") + ":CustomPager.PatternPager";

        public void Dispose() => Directory.Delete(Output, recursive: true);
    }

    private PagerPlugin Load()
    {
        Assert.True(sample.ExitCode == 0, "dotnet build of samples/CustomPager failed:\n" + sample.BuildLog);
        Assert.True(PagerPlugin.TryLoad(sample.Spec, out var plugin, out var error), error?.Message);
        return plugin;
    }

    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void Sample_LoadedAsAPlugin_ServesThePagerWorkloadAndKeepsReturnedPages(DispatcherKind dispatcher)
    {
        var plugin = Load();
        using var kit = new MachineKit(dispatcher: dispatcher);
        kit.Programs.Register(PagerWorkload.Name, PagerWorkload.Run);
        PagerWorkloadBoot.Publish(kit.Machine, plugin.PropsFor(kit.Machine.Config.PageSize));
        Assert.Equal(KernReturn.Success, kit.Machine.StartTask(PagerWorkload.Name).Result);

        var result = kit.Machine.RunUntilThreadsEnd(Duration.FromSeconds(2));

        Assert.Equal(RunOutcome.ConditionMet, result.Outcome);
        Assert.Empty(kit.Machine.Status.Faults);
        Assert.True(kit.Machine.Status.Vm.Faults >= 2 * PagerWorkload.Pages, $"{kit.Machine.Status.Vm.Faults} faults"); // every page faulted in twice
    }

    [Fact]
    public void RunCommand_WithTheSample_RunsThePagerWorkloadAndNamesThePager()
    {
        Load();

        CliInvocation.Of("run", "--pager", sample.Spec).Succeeds("workload 'pager'", "pager: CustomPager.PatternPager from", "no faults");
    }

    private static ExplorationReport Explore(string scenario, string pager, long iterations) =>
        Explorer.Run(ScenarioCatalog.Find(scenario)!, StrategyFactory.Create(new StrategyOptions { Name = "random" }),
            new ExplorationOptions
            {
                Iterations = iterations, Seed = 1, Parallelism = 2,
                Parameters = new Dictionary<string, string> { [MachineScenario.PagerParameter] = pager },
            });

    [Theory]
    [InlineData("vm-shared-page")]
    [InlineData("vm-pageout-refault")]
    public void Explore_WithTheSample_FindsNoBugIn20Iterations(string scenario)
    {
        Load();

        var report = Explore(scenario, sample.Spec, 20);

        Assert.Empty(report.Bugs);
        Assert.Equal(20, report.Iterations);
    }

    [Fact]
    public void Explore_WithAPagerThatKeepsNothing_FindsTheLostPagesIn20Iterations()
    {
        // The seeded bug: ParameterlessPager zero-fills every request and drops every data_return.
        var report = Explore("vm-pageout-refault", typeof(ParameterlessPager).Assembly.Location + ":" + typeof(ParameterlessPager).FullName, 20);

        var bug = Assert.Single(report.Bugs);
        Assert.Contains("the last value written there", bug.Bug.Text); // the VM oracle monitor sees the lost page first
    }

    [Fact]
    public void HuntARace_TheSamplesWriteBehindPager_ExploreFindsR1AndReplayReproducesIt()
    {
        // README "Hunt a race": explore exits 1 and names the schedule file; replay reproduces the same bug.
        var output = Directory.CreateTempSubdirectory("hunt-").FullName;
        try
        {
            var pager = Path.Combine(sample.Output, "CustomPager.dll") + ":CustomPager.WriteBehindPager";
            var explore = CliInvocation.Of("explore", "vm-pageout-refault", "--pager", pager, "--strategy", "pct", "--iterations", "200", "--seed", "1", "--out", output);

            Assert.Equal(1, explore.ExitCode);
            Assert.Contains("machactors replay", explore.Out);
            var schedule = Assert.Single(Directory.GetFiles(output, "*.schedule.json"));
            var replay = CliInvocation.Of("replay", schedule, "--quiet");
            Assert.Equal(1, replay.ExitCode);
            Assert.Contains("reproduced", replay.Out);
            Assert.Contains("yes", replay.Out);
            Assert.Contains("the last value written there", replay.Out);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

/// <summary>The test classes that use the built sample (<see cref="CustomPagerSampleTests.Build"/>), so it is built once per test run.</summary>
[CollectionDefinition(Name)]
public sealed class CustomPagerSampleCollection : ICollectionFixture<CustomPagerSampleTests.Build>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "custom-pager-sample";
}
