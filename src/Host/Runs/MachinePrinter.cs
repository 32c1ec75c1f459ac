using System.Globalization;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Host.Commands;
using MachActors.Kernel.Kern;
using MachActors.Pagers.Default;
using Spectre.Console;

namespace MachActors.Host.Runs;

/// <summary>Prints a machine run: what ran, then tables per CPU, per thread, of totals, of IPC, of VM and of the pagers, then faults and the trace if any.</summary>
internal static class MachinePrinter
{
    /// <summary>Columns the workload's description is wrapped at (after a two-space indent).</summary>
    private const int DescriptionWidth = 98;

    /// <summary>Free frame samples shown at most (evenly spread over the run).</summary>
    private const int TimelineWidth = 40;

    /// <summary>Writes the whole report to <paramref name="console"/>. Output depends only on <paramref name="report"/>.</summary>
    public static void Print(IAnsiConsole console, MachineReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        PrintIntro(console, report);
        PersonalitiesPrinter.PrintConsole(console, report.Personalities);
        console.Write(CpuTable(report));
        console.Write(ThreadTable(report));
        console.Write(TotalsTable(report));
        console.Write(IpcTable(report));
        console.Write(VmTable(report));
        PrintFreeFrames(console, report);
        console.Write(PagerTable(report));
        PersonalitiesPrinter.PrintSummary(console, report.Personalities);
        PrintFaults(console, report.Faults);
        if (report.PagerStats is { } stats) console.WriteLine("Pager: " + stats);
        if (report.PagerFailure is { } failure) console.WriteLine("The pager stopped (its memory object took the pager-death path): " + failure);
        if (report.TraceLines.Count > 0) TracePrinter.Print(console, report.TraceLines);
    }

    private static void PrintIntro(IAnsiConsole console, MachineReport report)
    {
        var s = report.Settings;
        var c = report.Config;
        console.MarkupLine("[bold]MachActors[/]: the Mach 3 kernel as actors, on a simulated machine with a virtual clock");
        console.WriteLine();
        console.MarkupLine($"[bold]What ran[/]: workload '{Markup.Escape(s.Workload)}' (others: 'machactors run --list')");
        foreach (var line in Wrap(report.Description, DescriptionWidth)) console.WriteLine("  " + line);
        console.WriteLine();
        console.WriteLine(Inv($"  machine: {Plural(s.Cpus, "CPU")} at {c.ClockHz / 1_000_000.0:0.###} MHz, clock tick {c.TickPeriod} (hz {c.TicksPerSecond:0.##})"));
        console.WriteLine(Inv($"  memory: {Plural(c.FrameCount, "frame")} of {c.PageSize} bytes ({Size((long)c.FrameCount * c.PageSize)}); {Swap(c)}"));
        console.WriteLine(Inv($"  kernel: one processor set, 32 priority levels, affinity scheduling {(s.Affinity ? "on" : "off")}; a trap costs {c.TrapCycles} cycles"));
        if (report.Pager is { } pager) console.WriteLine("  pager: " + pager);
        console.WriteLine(Inv($"  dispatcher: {report.Dispatcher}; time limit {s.MaxTime} of virtual time"));
        console.WriteLine(Inv($"  outcome: {Outcome(report)}"));
        console.WriteLine();
    }

    private static string Outcome(MachineReport report)
    {
        var elapsed = report.Elapsed.SinceBoot;
        var faults = report.Faults.Count == 0 ? "no faults" : Plural(report.Faults.Count, "fault") + " (listed below)";
        return report.Completed
            ? Inv($"every thread ended after {elapsed} of virtual time; {faults}")
            : Inv($"stopped after {elapsed} of virtual time ({report.Outcome}) with {Plural(report.LiveThreads, "thread")} still live; {faults}");
    }

    private static Table CpuTable(MachineReport report)
    {
        var cpus = report.Cpus;
        var busy = new Duration(cpus.Sum(c => c.Busy.Nanoseconds));
        var idle = new Duration(cpus.Sum(c => c.Idle.Nanoseconds));
        var table = new Table().Title("CPUs").ShowFooters()
            .AddColumn(new TableColumn("cpu").Footer("[bold]all[/]"))
            .AddColumn(Right("busy", busy.ToString()))
            .AddColumn(Right("idle", idle.ToString()))
            .AddColumn(Right("utilisation", Percent(busy, busy + idle)))
            .AddColumn(Right("context switches", N(cpus.Sum(c => c.ContextSwitches))))
            .AddColumn(Right("traps", N(cpus.Sum(c => c.Traps))));
        foreach (var cpu in cpus)
        {
            table.AddRow(N(cpu.Cpu), cpu.Busy.ToString(), cpu.Idle.ToString(), Percent(cpu.Busy, cpu.Busy + cpu.Idle), N(cpu.ContextSwitches), N(cpu.Traps));
        }
        return table;
    }

    private static Table ThreadTable(MachineReport report)
    {
        var threads = report.Threads;
        var total = new Duration(threads.Sum(t => t.CpuTime.Nanoseconds));
        var table = new Table().Title("Threads (priority 0 is best, 31 worst; sched = base + usage aging; %cpu: 100% = one CPU all along)").ShowFooters()
            .AddColumn(new TableColumn("task"))
            .AddColumn(new TableColumn("thread").Footer(Plural(threads.Count, "thread")))
            .AddColumn(new TableColumn("state"))
            .AddColumn(new TableColumn("policy"))
            .AddColumn(Right("base", ""))
            .AddColumn(Right("sched", ""))
            .AddColumn(Right("cpu time", total.ToString()))
            .AddColumn(Right("%cpu", Percent(total, report.Elapsed.SinceBoot)))
            .AddColumn(Right("dispatches", N(threads.Sum(t => t.Dispatches))));
        foreach (var t in threads)
        {
            table.AddRow(
                Markup.Escape(t.Task.ToString()), Markup.Escape(t.Thread.ToString()), t.State.ToString(),
                t.Policy == SchedPolicy.FixedPriority ? "fixed" : "timeshare", N(t.BasePriority), N(t.SchedPriority),
                t.CpuTime.ToString(), Percent(t.CpuTime, report.Elapsed.SinceBoot), N(t.Dispatches));
        }
        return table;
    }

    private static Table TotalsTable(MachineReport report)
    {
        var cpuTime = report.Cpus.Sum(c => c.Busy.Nanoseconds + c.Idle.Nanoseconds);
        var table = new Table().Title("Totals").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("virtual time elapsed", report.Elapsed.SinceBoot.ToString());
        table.AddRow("CPU time (busy + idle = CPUs x elapsed)", new Duration(cpuTime).ToString());
        table.AddRow("threads started / ended", N(report.Threads.Count) + " / " + N(report.Threads.Count - report.LiveThreads));
        table.AddRow("kernel dispatches (threads put on a CPU)", N(report.Threads.Sum(t => t.Dispatches)));
        table.AddRow("runtime steps (messages and timers delivered)", N(report.Steps));
        table.AddRow("runtime scheduling decisions recorded", report.Decisions is { } d ? N(d) : "n/a (parallel)");
        table.AddRow("faults", N(report.Faults.Count));
        return table;
    }

    private static Table IpcTable(MachineReport report)
    {
        var ipc = report.Ipc;
        var table = new Table().Title("IPC (mach_msg by threads, kernel ports included; ports: receive rights programs allocated)")
            .AddColumns(((string[])["sent", "RPCs", "received", "handoffs", "blocked sends", "notifications", "ports created", "ports destroyed"])
                .Select(h => new TableColumn(h).RightAligned()).ToArray());
        table.AddRow(N(ipc.MessagesSent), N(ipc.Rpcs), N(ipc.MessagesReceived), N(report.Handoffs), N(ipc.SendsBlocked),
            N(ipc.Notifications), N(ipc.PortsCreated), N(ipc.PortsDestroyed));
        return table;
    }

    private static string Swap(MachineConfig c)
    {
        if (c.SwapDisk is null) return "no swap (no paging)";
        var disk = c.Disks.First(d => d.Name == c.SwapDisk).Geometry;
        return Inv($"swap on disk '{c.SwapDisk}', {Plural(disk.BlockCount, "block")} of {disk.BlockSize} bytes ({Size(disk.SizeInBytes)})");
    }

    private static Table VmTable(MachineReport report)
    {
        var vm = report.Vm;
        var table = new Table().Title("VM (pageouts: dirty pages to swap; pageins: pages read back; unwritten: not yet on disk)")
            .AddColumns(((string[])["faults", "zero fills", "pageins", "pageouts", "unwritten max", "free frames now", "free frames min"])
                .Select(h => new TableColumn(h).RightAligned()).ToArray());
        table.AddRow(N(vm.Faults), N(vm.ZeroFills), N(vm.Pageins), N(vm.Pageouts), N(vm.MaxUnwritten), Frames(vm.FreeFrames), Frames(vm.MinFreeFrames));
        return table;
    }

    private static Table PagerTable(MachineReport report)
    {
        var table = new Table().Title("Pagers (the default pager pages anonymous memory to swap; a memory object's pager serves the 'pager' workload)")
            .AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("memory object pager", Markup.Escape(report.Pager ?? "none (the workload maps no memory object)"));
        table.AddRow("default pager", report.Config.SwapDisk is { } swap ? Markup.Escape($"{typeof(DefaultPager).FullName} on disk '{swap}'") : "none (no swap)");
        if (report.DefaultPager is { } counts)
        {
            foreach (var (_, label, value) in DefaultPagerRows.Of(counts)) table.AddRow("  " + label, N(value));
        }
        return table;
    }

    /// <summary>On a machine with swap: at most <see cref="TimelineWidth"/> free frame samples, the last of each run of samples (so the last one taken is shown).</summary>
    private static void PrintFreeFrames(IAnsiConsole console, MachineReport report)
    {
        var samples = report.FreeFrameSamples;
        if (samples.Count == 0) return;
        var step = (samples.Count + TimelineWidth - 1) / TimelineWidth;
        var interval = MachineRunner.SampleInterval.Nanoseconds * step;
        console.WriteLine(Inv($"  free frames every {new Duration(interval)} of virtual time, and at the end ({Plural(samples.Count, "sample")} every {MachineRunner.SampleInterval}; '-': not started):"));
        var shown = Enumerable.Range(0, (samples.Count + step - 1) / step).Select(i => Frames(samples[Math.Min(samples.Count - 1, (i * step) + step - 1)]));
        foreach (var line in Wrap(string.Join(' ', shown), DescriptionWidth)) console.WriteLine("  " + line);
    }

    private static void PrintFaults(IAnsiConsole console, IReadOnlyList<string> faults)
    {
        if (faults.Count == 0) return;
        console.WriteLine();
        console.MarkupLine("[bold]Faults[/] (a program failed and no exception server took it: its task was terminated, the machine went on)");
        foreach (var fault in faults) console.WriteLine("  " + fault);
    }

    /// <summary>Splits <paramref name="text"/> into lines of at most <paramref name="width"/> columns at spaces (a longer word keeps its own line).</summary>
    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = "";
            }
            line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0) yield return line;
    }

    private static string Frames(int count) => count < 0 ? "-" : N(count);

    private static string Size(long bytes) =>
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? Inv($"{bytes >> 20} MiB") : bytes >= 1 << 10 ? Inv($"{bytes / 1024.0:0.#} KiB") : Inv($"{bytes} bytes");

    private static TableColumn Right(string header, string footer) => new TableColumn(header).RightAligned().Footer(footer);

    private static string Percent(Duration part, Duration whole) =>
        whole.Nanoseconds == 0 ? "-" : Inv($"{100.0 * part.Nanoseconds / whole.Nanoseconds:0.0}%");

    private static string Plural(long count, string noun) => N(count) + " " + noun + (count == 1 ? "" : "s");

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
