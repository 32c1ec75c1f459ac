using MachActors.Host.Commands;
using MachActors.Host.Runs;
using MachActors.Kernel.Programs.Workloads;
using Spectre.Console;

namespace MachActors.Tests.Unit.Host.Runs;

/// <summary>A run driven in slices: the slices change nothing the machine does; the live progress line is drawn only on a live console.</summary>
public class MachineRunTests
{
    private static RunSettings Settings(string workload, bool parallel = false) =>
        new(Cpus: 2, workload, Seed: 5, Parallel: parallel, Affinity: false, Trace: false, MaxTime: Duration.FromSeconds(10), Frames: workload == PagingWorkload.Name ? 48 : null);

    private static string Printed(MachineReport report)
    {
        using var output = new StringWriter();
        MachinePrinter.Print(ConsoleFactory.For(output), report with { FreeFrameSamples = [] }); // samples are taken per slice
        return output.ToString();
    }

    [Theory]
    [InlineData(ComputeWorkload.Name)]
    [InlineData(IpcWorkload.Name)]
    [InlineData(PagingWorkload.Name)]
    public void Slicing_DoesNotChangeTheRun(string workload)
    {
        var settings = Settings(workload);

        var whole = MachineRunner.Execute(settings, BuiltinWorkloads.Registry(), slice: settings.MaxTime);
        var sliced = MachineRunner.Execute(settings, BuiltinWorkloads.Registry(), slice: Duration.FromMilliseconds(1));

        Assert.True(whole.Completed);
        Assert.Equal(Printed(whole), Printed(sliced));
        Assert.Equal((whole.Steps, whole.Decisions), (sliced.Steps, sliced.Decisions));
    }

    [Fact]
    public void Progress_OnALiveConsole_IsDrawnAndChangesNothing()
    {
        var settings = Settings(IpcWorkload.Name);
        using var screen = new StringWriter();
        var live = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(screen), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.Yes,
        });

        MachineReport shown;
        using (var run = MachineRun.Start(settings, BuiltinWorkloads.Registry())) shown = LiveProgress.Drive(run, live, TimeSpan.Zero);
        var plain = MachineRunner.Execute(settings, BuiltinWorkloads.Registry());

        Assert.Contains("virtual time", screen.ToString());
        Assert.Contains("threads live", screen.ToString());
        Assert.Equal(Printed(plain), Printed(shown));
    }

    [Fact]
    public void Progress_WithoutALiveConsole_DrawsNothing()
    {
        using var run = MachineRun.Start(Settings(ComputeWorkload.Name), BuiltinWorkloads.Registry());

        var report = LiveProgress.Drive(run, null, TimeSpan.Zero);

        Assert.True(report.Completed);
        Assert.Null(ConsoleFactory.Live(new StringWriter()));
    }

    [Fact]
    public void ProgressLine_SaysTimeThreadsFaultsMessagesAndPageouts() =>
        Assert.Equal("virtual time 2.5s of at most 10s (25%) | threads live 3 | faults 12 | messages 40 | pageouts 7",
            LiveProgress.Line(new RunProgress(Duration.FromMilliseconds(2500), Duration.FromSeconds(10), 3, 12, 40, 7)));

    [Fact]
    public void Step_AfterTheEnd_Throws()
    {
        using var run = MachineRun.Start(Settings(ComputeWorkload.Name), BuiltinWorkloads.Registry(), slice: Duration.FromSeconds(10));
        run.Step();

        Assert.True(run.Done);
        Assert.Throws<InvalidOperationException>(run.Step);
    }
}
