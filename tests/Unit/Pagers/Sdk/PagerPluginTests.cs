using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs.Workloads;
using MachActors.Pagers.Memory;
using MachActors.Pagers.Sdk;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Pagers.Sdk;

/// <summary>
/// The plugin loader: bad input gives an error naming the file and the type, never an exception; a
/// pager loaded from an assembly (this test assembly, in a load context of its own) derives from the
/// host's <see cref="Pager"/>; a plugin pager that throws takes the machine's pager-death path.
/// </summary>
public sealed class PagerPluginTests : IDisposable
{
    private static readonly string ThisAssembly = typeof(PagerPluginTests).Assembly.Location;

    private readonly string _dir = Directory.CreateTempSubdirectory("pager-plugin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PagerLoadError Fails(string spec, PagerLoadProblem problem)
    {
        Assert.False(PagerPlugin.TryLoad(spec, out var plugin, out var error));
        Assert.Null(plugin);
        Assert.Equal(problem, error!.Problem);
        return error;
    }

    private static string Spec<T>() => ThisAssembly + ":" + typeof(T).FullName;

    [Theory]
    [InlineData("")]
    [InlineData("pager.dll")]
    [InlineData("pager.dll:")]
    [InlineData(":Some.Type")]
    [InlineData("a.dll:dir/Type")]
    public void TryLoad_NotPathColonType_IsBadFormat(string spec) =>
        Assert.Contains("PATH.dll:Namespace.Type", Fails(spec, PagerLoadProblem.BadFormat).Message);

    [Fact]
    public void TryParse_AWindowsPath_SplitsAtTheLastColon()
    {
        Assert.True(PagerPlugin.TryParse(@"C:\pagers\my.dll:My.Pager", out var path, out var type, out _));
        Assert.Equal((@"C:\pagers\my.dll", "My.Pager"), (path, type));
    }

    [Fact]
    public void TryLoad_MissingFile_NamesTheFileAndTheType()
    {
        var missing = Path.Combine(_dir, "missing.dll");

        var error = Fails(missing + ":My.Pager", PagerLoadProblem.FileNotFound);

        Assert.Contains(missing, error.Message);
        Assert.Contains("My.Pager", error.Message);
    }

    [Fact]
    public void TryLoad_AFileThatIsNoAssembly_IsBadAssembly()
    {
        var text = Path.Combine(_dir, "text.dll");
        System.IO.File.WriteAllText(text, "not an assembly");

        var error = Fails(text + ":My.Pager", PagerLoadProblem.BadAssembly);

        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void TryLoad_AnUnknownType_ListsTheAssemblysPagerClasses()
    {
        var error = Fails(ThisAssembly + ":No.Such.Pager", PagerLoadProblem.TypeNotFound);

        Assert.Contains("No.Such.Pager", error.Message);
        Assert.Contains(typeof(ThrowingRequestPager).FullName!, error.Message);
    }

    [Fact]
    public void TryLoad_AClassThatIsNoPager_IsNotAPager()
    {
        Assert.Contains(typeof(PagerPluginTests).FullName!, Fails(Spec<PagerPluginTests>(), PagerLoadProblem.NotAPager).Message);
        Fails(Spec<AbstractPager>(), PagerLoadProblem.NotAPager);
    }

    [Fact]
    public void TryLoad_NoIntOrParameterlessConstructor_IsNoUsableConstructor() =>
        Assert.Contains("(int pageSize)", Fails(Spec<NamedPager>(), PagerLoadProblem.NoUsableConstructor).Message);

    [Fact]
    public void TryLoad_APager_LoadsItInItsOwnContextOnTheHostsBaseClass()
    {
        Assert.True(PagerPlugin.TryLoad(Spec<ThrowingRequestPager>(), out var plugin, out _));

        Assert.NotEqual(typeof(ThrowingRequestPager), plugin.Type); // the plugin's own copy of the assembly
        Assert.True(plugin.Type.IsSubclassOf(typeof(Pager)));
        Assert.Equal(Path.GetFullPath(ThisAssembly) + ":" + typeof(ThrowingRequestPager).FullName, plugin.Spec);
        Assert.True(PagerPlugin.TryLoad(plugin.Spec, out var again, out _));
        Assert.Same(plugin, again);
    }

    [Fact]
    public void TryLoad_ASimpleTypeName_FindsTheOnePagerOfThatName()
    {
        Assert.True(PagerPlugin.TryLoad(ThisAssembly + ":" + nameof(ParameterlessPager), out var plugin, out _));
        Assert.Equal(typeof(ParameterlessPager).FullName, plugin.Type.FullName);
    }

    /// <summary>Runs the pager workload with <typeparamref name="T"/> loaded as a plugin; the machine's faults.</summary>
    private static IReadOnlyList<ThreadFaulted> RunWorkload<T>(DispatcherKind dispatcher, out RunResult result)
    {
        Assert.True(PagerPlugin.TryLoad(Spec<T>(), out var plugin, out _));
        using var kit = new MachineKit(dispatcher: dispatcher, config: new MachineConfig { PagerTimeout = Duration.FromMilliseconds(50) });
        kit.Programs.Register(PagerWorkload.Name, PagerWorkload.Run);
        PagerWorkloadBoot.Publish(kit.Machine, plugin.PropsFor(kit.Machine.Config.PageSize));
        Assert.Equal(KernReturn.Success, kit.Machine.StartTask(PagerWorkload.Name).Result);
        result = kit.Machine.RunUntilThreadsEnd(Duration.FromSeconds(2));
        return kit.Machine.Status.Faults;
    }

    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void PluginPager_ThrowingInItsHandler_IsStoppedAndTheFaultTakesAMemoryError(DispatcherKind dispatcher)
    {
        var faults = RunWorkload<ThrowingRequestPager>(dispatcher, out var result);

        Assert.Equal(RunOutcome.ConditionMet, result.Outcome);
        var fault = Assert.Single(faults);
        Assert.Equal((ExceptionType.BadAccess, (int)KernReturn.MemoryError), (fault.Exception?.Type, fault.Exception?.Code));
        Assert.True(result.Now.SinceBoot < Duration.FromMilliseconds(50), $"the fault waited for the pager timeout: {result.Now}"); // the death path, not silence
    }

    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void PluginPager_ThrowingInItsConstructor_IsStoppedAndTheMappingIsRefused(DispatcherKind dispatcher)
    {
        var faults = RunWorkload<ThrowingConstructorPager>(dispatcher, out var result);

        Assert.Equal(RunOutcome.ConditionMet, result.Outcome);
        Assert.Contains("vm_map of the memory object returned", Assert.Single(faults).Error?.Message);
    }

    [Theory]
    [MemberData(nameof(MachineKit.Dispatchers), MemberType = typeof(MachineKit))]
    public void PluginPager_WithAParameterlessConstructor_ServesTheWorkloadUntilItsPagesAreNotKept(DispatcherKind dispatcher)
    {
        var faults = RunWorkload<ParameterlessPager>(dispatcher, out var result);

        // It zero-fills every request and keeps nothing: the pages read back wrong only after the remap.
        Assert.Equal(RunOutcome.ConditionMet, result.Outcome);
        Assert.Contains("mapped again (the pager did not keep the returned page)", Assert.Single(faults).Error?.Message);
    }
}
