using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Host.Runs;
using MachActors.Kernel.Programs;
using MachActors.Kernel.Programs.Workloads;
using MachActors.Pagers.Sdk;

namespace MachActors.Host.Commands;

/// <summary>The <c>run</c> command: boots the machine, runs a built-in workload, prints per-CPU and per-thread tables.</summary>
internal static class RunCommand
{
    /// <summary>CPUs when --cpus is not given.</summary>
    public const int DefaultCpus = 2;

    /// <summary>The fewest physical frames --frames accepts: the paging daemon keeps 30 free below 64 frames, so fewer leave little to page with.</summary>
    public const int MinFrames = 48;

    /// <summary>The most physical frames --frames accepts (1 GiB of 4 KiB pages).</summary>
    public const int MaxFrames = 262_144;

    /// <summary>Virtual time after which a run stops when --max-time is not given.</summary>
    public static readonly Duration DefaultMaxTime = Duration.FromSeconds(10);

    /// <summary>The command with its options, their validation, and its action.</summary>
    public static Command Build()
    {
        var workloads = BuiltinWorkloads.Registry();
        var cpus = new Option<int>("--cpus")
        {
            Description = "Number of processors, 1 to 64.",
            CustomParser = CpuCount,
            DefaultValueFactory = _ => DefaultCpus,
        };
        var workload = new Option<string>("--workload")
        {
            Description = "The built-in workload to run: " + string.Join(", ", workloads.Names) + " (see --list).",
            DefaultValueFactory = _ => BuiltinWorkloads.Default,
        };
        workload.Validators.Add(result => CheckWorkload(result, workloads));
        var seed = SharedOptions.Seed();
        var parallel = SharedOptions.Parallel();
        var affinity = new Option<bool>("--affinity")
        {
            Description = "Affinity scheduling: a thread made runnable prefers the idle CPU it last ran on (off by default, as in Mach).",
        };
        var trace = SharedOptions.Trace();
        var maxTime = SharedOptions.VirtualTime("--max-time", "Stop after this much virtual time even if threads are left.", DefaultMaxTime);
        var frames = new Option<int?>("--frames")
        {
            Description = Inv($"Physical page frames ({MinFrames} to {MaxFrames}). Default: {PagingWorkload.DefaultFrames} for the paging workload, else {new MachineConfig().FrameCount}."),
            CustomParser = FrameCount,
        };
        var swapBlocks = new Option<long?>("--swap-blocks")
        {
            Description = "Blocks (512 bytes) of the swap disk; adds swap to any workload. Default: none, except for the paging workload, "
                          + Inv($"which gets room for {PagingWorkload.SwapPagesPerFrame} pages per frame (at least 2048 blocks)."),
            CustomParser = SwapBlockCount,
        };
        var pager = SharedOptions.Pager("Serve the 'pager' workload's memory object with your pager (docs/PAGERS.md); implies --workload pager.");
        var list = new Option<bool>("--list") { Description = "List the built-in workloads and exit." };
        var command = new Command("run", "Boot the simulated Mach machine, run a built-in workload until its threads end, and print "
                                         + "per-CPU utilisation and context switches, per-thread CPU time and state, totals, and IPC and VM counters.")
        {
            cpus, workload, seed, parallel, affinity, trace, maxTime, frames, swapBlocks, pager, list,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(list)) return WorkloadsCommand.List(output, workloads);
            var name = parse.GetValue(workload)!;
            var plugin = parse.GetValue(pager);
            if (plugin is not null)
            {
                var named = parse.GetResult(workload) is { Implicit: false };
                if (named && !BuiltinWorkloads.NeedsPager(name))
                {
                    error.WriteLine($"machactors: --pager serves the memory object of the '{PagerWorkload.Name}' workload; workload '{name}' maps none. See 'machactors run --help'.");
                    return Cli.ExitUsage;
                }
                name = PagerWorkload.Name;
                if (!PagerPlugin.TryLoad(plugin, out _, out var problem))
                {
                    error.WriteLine("machactors: cannot use --pager: " + problem.Message + ". See docs/PAGERS.md and 'machactors run --help'.");
                    return Cli.ExitUsage;
                }
            }
            var settings = new RunSettings(
                parse.GetValue(cpus), name, parse.GetValue(seed), parse.GetValue(parallel),
                parse.GetValue(affinity), parse.GetValue(trace), parse.GetValue(maxTime), parse.GetValue(frames), parse.GetValue(swapBlocks), plugin);
            return Execute(settings, workloads, output, error);
        });
        return command;
    }

    /// <summary>--cpus: a whole number the machine accepts; otherwise a parse error saying what the machine allows.</summary>
    private static int CpuCount(ArgumentResult result)
    {
        if (!ValueParsers.TryWholeNumber(result, out var count)) return DefaultCpus;
        foreach (var problem in new MachineConfig { CpuCount = count }.Validate())
        {
            result.AddError($"Invalid value '{count}' for {ValueParsers.OptionName(result)}: {problem}.");
        }
        return count;
    }

    /// <summary>--frames: a whole number from <see cref="MinFrames"/> to <see cref="MaxFrames"/>; otherwise a parse error saying so.</summary>
    private static int? FrameCount(ArgumentResult result)
    {
        if (!ValueParsers.TryWholeNumber(result, out var count)) return null;
        if (count is < MinFrames or > MaxFrames)
        {
            result.AddError(Inv($"Invalid value '{count}' for {ValueParsers.OptionName(result)}: physical frames must be between {MinFrames} and {MaxFrames}."));
        }
        return count;
    }

    /// <summary>--swap-blocks: a whole number from the blocks of one page to 2^31 - 1; otherwise a parse error saying so.</summary>
    private static long? SwapBlockCount(ArgumentResult result)
    {
        if (!ValueParsers.TryWholeNumber(result, out var count)) return null;
        var config = new MachineConfig();
        var onePage = config.PageSize / new DiskGeometry().BlockSize;
        if (count < onePage)
        {
            result.AddError(Inv($"Invalid value '{count}' for {ValueParsers.OptionName(result)}: swap needs at least {onePage} blocks (one page of {config.PageSize} bytes)."));
        }
        return count;
    }

    /// <summary>--workload: a registered name; otherwise a parse error listing the valid names.</summary>
    private static void CheckWorkload(OptionResult result, ProgramRegistry workloads)
    {
        var name = result.GetValueOrDefault<string>();
        if (workloads.Find(name) is not null) return;
        result.AddError($"Unknown workload '{name}' for --workload: expected one of {string.Join(", ", workloads.Names)}.");
    }

    /// <summary>
    /// Runs the machine with <paramref name="settings"/> and prints its report to <paramref name="output"/>.
    /// Returns 0 when the run went through without a fault (stopping at --max-time included), 1 when a
    /// program faulted, the pager plugin stopped, or the run itself failed (the cause goes to <paramref name="error"/>).
    /// </summary>
    private static int Execute(RunSettings settings, ProgramRegistry workloads, TextWriter output, TextWriter error)
    {
        MachineReport report;
        try
        {
            report = MachineRunner.Execute(settings, workloads);
        }
        catch (Exception e)
        {
            // The top of the command: whatever the machine threw is reported, not a stack trace.
            error.WriteLine("machactors: run failed: " + e.Message);
            return Cli.ExitFailure;
        }
        MachinePrinter.Print(ConsoleFactory.For(output), report);
        if (report.PagerFailure is { } failure) error.WriteLine($"machactors: the pager {report.Pager} stopped: {failure}");
        if (report.Faults.Count == 0) return report.PagerFailure is null ? Cli.ExitOk : Cli.ExitFailure;
        error.WriteLine($"machactors: {report.Faults.Count} thread(s) faulted (see Faults above)");
        return Cli.ExitFailure;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
