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
internal static partial class RunCommand
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
        var workloads = HostWorkloads.Registry();
        var cpus = new Option<int>("--cpus")
        {
            Description = "Number of processors, 1 to 64.",
            CustomParser = CpuCount,
            DefaultValueFactory = _ => DefaultCpus,
        };
        var workload = new Option<string>("--workload")
        {
            Description = "The built-in workload to run: " + string.Join(", ", workloads.Names) + " (see --list).",
            DefaultValueFactory = _ => HostWorkloads.Default,
        };
        workload.Validators.Add(result => CheckWorkload(result, workloads));
        var seed = SharedOptions.Seed();
        var parallel = SharedOptions.Parallel();
        var affinity = new Option<bool>("--affinity")
        {
            Description = "Affinity scheduling: a thread made runnable prefers the idle CPU it last ran on (off by default, as in Mach).",
        };
        var trace = new Option<string?>("--trace")
        {
            Description = "Alone (or with '-'): also print every runtime trace event after the report. With a FILE: write the run's timeline there in "
                          + "the Chrome Trace Event format (one lane per CPU with the threads' slices, IPC as flows, page faults and pageouts as "
                          + "instants), for ui.perfetto.dev or chrome://tracing.",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "FILE",
        };
        var config = new Option<string?>("--config")
        {
            Description = "Read the run's settings from a JSON file (keys: " + string.Join(", ", RunConfigFile.Keys)
                          + "; see examples/machine.json); options given on the command line win.",
            HelpName = "FILE.json",
        };
        var stats = new Option<string>("--stats")
        {
            Description = "How to print the numbers: 'table' (the default) or 'json' (one JSON object, for scripts; see README.md).",
            DefaultValueFactory = _ => "table",
            HelpName = "table|json",
        };
        stats.AcceptOnlyFromAmong("table", "json");
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
                                         + "per-CPU utilisation and context switches, per-thread CPU time and state, totals, and IPC, VM and pager counters. "
                                         + "By default (workload 'personalities') a UNIX shell script and a periodic real-time task set run side by side. "
                                         + "Exit codes: 0 the run went through (stopping at --max-time included; 'personalities': the script exited 0, no deadline missed); "
                                         + "1 a thread faulted, the pager stopped, the run failed, or 'personalities' did not succeed; 2 bad input (an option, a value, the --config file, the --pager plugin, the --trace file).")
        {
            cpus, workload, seed, parallel, affinity, trace, maxTime, frames, swapBlocks, pager, config, stats, list,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(list)) return WorkloadsCommand.List(output, workloads);
            var file = new RunConfigValues();
            if (parse.GetValue(config) is { } path)
            {
                if (RunConfigFile.Load(path, workloads.Names, out var problems) is not { } loaded) return Usage(error, problems, "machactors run --help");
                file = loaded;
            }
            bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
            var name = Given(workload) || file.Workload is null ? parse.GetValue(workload)! : file.Workload;
            var plugin = Given(pager) || file.Pager is null ? parse.GetValue(pager) : file.Pager;
            if (plugin is not null)
            {
                var named = Given(workload) || file.Workload is not null;
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
            var traceFile = parse.GetValue(trace) is { } t && t != "-" ? t : null;
            var settings = new RunSettings(
                Given(cpus) || file.Cpus is null ? parse.GetValue(cpus) : file.Cpus.Value,
                name,
                Given(seed) || file.Seed is null ? parse.GetValue(seed) : file.Seed.Value,
                Given(parallel) || file.Parallel is null ? parse.GetValue(parallel) : file.Parallel.Value,
                Given(affinity) || file.Affinity is null ? parse.GetValue(affinity) : file.Affinity.Value,
                parse.GetResult(trace) is not null && traceFile is null,
                Given(maxTime) || file.MaxTime is null ? parse.GetValue(maxTime) : file.MaxTime.Value,
                Given(frames) || file.Frames is null ? parse.GetValue(frames) : file.Frames,
                Given(swapBlocks) || file.SwapBlocks is null ? parse.GetValue(swapBlocks) : file.SwapBlocks,
                plugin);
            return Execute(settings, workloads, new RunOutputs(traceFile, parse.GetValue(stats) == "json"), output, error);
        });
        return command;
    }

    /// <summary>--cpus: a whole number the machine accepts; otherwise a parse error saying what the machine allows.</summary>
    private static int CpuCount(ArgumentResult result)
    {
        if (!ValueParsers.TryWholeNumber(result, out var count)) return DefaultCpus;
        AddProblem(result, count, CpuProblem(count));
        return count;
    }

    /// <summary>--frames: a whole number from <see cref="MinFrames"/> to <see cref="MaxFrames"/>; otherwise a parse error saying so.</summary>
    private static int? FrameCount(ArgumentResult result)
    {
        if (!ValueParsers.TryWholeNumber(result, out var count)) return null;
        AddProblem(result, count, FramesProblem(count));
        return count;
    }

    /// <summary>--swap-blocks: a whole number from the blocks of one page to 2^31 - 1; otherwise a parse error saying so.</summary>
    private static long? SwapBlockCount(ArgumentResult result)
    {
        if (!ValueParsers.TryWholeNumber(result, out var count)) return null;
        AddProblem(result, count, SwapBlocksProblem(count));
        return count;
    }

    /// <summary>What the machine says about <paramref name="cpus"/> processors (<see cref="MachineConfig.Validate"/>), or null when it takes them. Pure.</summary>
    public static string? CpuProblem(int cpus)
    {
        var problems = new MachineConfig { CpuCount = cpus }.Validate();
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>Why <paramref name="frames"/> physical frames are refused (outside <see cref="MinFrames"/>..<see cref="MaxFrames"/>), or null. Pure.</summary>
    public static string? FramesProblem(long frames) =>
        frames is < MinFrames or > MaxFrames ? Inv($"physical frames must be between {MinFrames} and {MaxFrames}") : null;

    /// <summary>Why a swap disk of <paramref name="blocks"/> blocks is refused (less than one page, or more than 2^31 - 1), or null. Pure.</summary>
    public static string? SwapBlocksProblem(long blocks)
    {
        var config = new MachineConfig();
        var onePage = config.PageSize / new DiskGeometry().BlockSize;
        if (blocks < onePage) return Inv($"swap needs at least {onePage} blocks (one page of {config.PageSize} bytes)");
        return blocks > int.MaxValue ? Inv($"swap blocks must be no more than {int.MaxValue}") : null;
    }

    private static void AddProblem(ArgumentResult result, int value, string? problem)
    {
        if (problem is not null) result.AddError(Inv($"Invalid value '{value}' for {ValueParsers.OptionName(result)}: {problem}."));
    }

    /// <summary>--workload: a registered name; otherwise a parse error listing the valid names.</summary>
    private static void CheckWorkload(OptionResult result, ProgramRegistry workloads)
    {
        var name = result.GetValueOrDefault<string>();
        if (workloads.Find(name) is not null) return;
        result.AddError($"Unknown workload '{name}' for --workload: expected one of {string.Join(", ", workloads.Names)}.");
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
