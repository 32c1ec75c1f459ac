using System.Text.Json;
using MachActors.Kernel.Kern;

namespace MachActors.Host.Runs;

/// <summary>
/// <c>run --stats json</c>: the report's numbers as one JSON object, for scripts (the tables' numbers,
/// durations in nanoseconds of virtual time). Keys are documented in README.md ("Machine-readable
/// statistics"); new keys may be added, existing ones keep their meaning. Output depends only on the report.
/// </summary>
internal static class StatsJson
{
    /// <summary>The value of the "format" key, naming this layout.</summary>
    public const string Format = "machactors-run-stats/1";

    /// <summary>Writes the object for <paramref name="report"/>, whose run exits with <paramref name="exitCode"/>, to <paramref name="output"/>, indented, with a newline.</summary>
    public static void Write(TextWriter output, MachineReport report, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            WriteConfig(json, report);
            WriteOutcome(json, report, exitCode);
            WriteCpus(json, report);
            WriteThreads(json, report);
            WriteTotals(json, report);
            WriteIpc(json, report);
            WriteVm(json, report);
            WritePager(json, report);
            WritePersonalities(json, report.Personalities);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteConfig(Utf8JsonWriter json, MachineReport report)
    {
        var s = report.Settings;
        var c = report.Config;
        json.WriteStartObject("config");
        json.WriteString("workload", s.Workload);
        json.WriteNumber("cpus", c.CpuCount);
        json.WriteNumber("frames", c.FrameCount);
        json.WriteNumber("pageSize", c.PageSize);
        if (c.SwapDisk is { } swap)
        {
            json.WriteString("swapDisk", swap);
            json.WriteNumber("swapBlocks", c.Disks.First(d => d.Name == swap).Geometry.BlockCount);
        }
        else
        {
            json.WriteNull("swapDisk");
            json.WriteNull("swapBlocks");
        }
        json.WriteNumber("seed", s.Seed);
        json.WriteBoolean("parallel", s.Parallel);
        json.WriteBoolean("affinity", s.Affinity);
        json.WriteNumber("maxTimeNs", s.MaxTime.Nanoseconds);
        json.WriteNumber("clockHz", c.ClockHz);
        json.WriteNumber("tickNs", c.TickPeriod.Nanoseconds);
        json.WriteString("dispatcher", report.Dispatcher);
        json.WriteEndObject();
    }

    private static void WriteOutcome(Utf8JsonWriter json, MachineReport report, int exitCode)
    {
        json.WriteStartObject("outcome");
        json.WriteBoolean("completed", report.Completed);
        json.WriteString("reason", report.Outcome.ToString());
        json.WriteNumber("elapsedNs", report.Elapsed.Nanoseconds);
        json.WriteNumber("liveThreads", report.LiveThreads);
        json.WriteStartArray("faults");
        foreach (var fault in report.Faults) json.WriteStringValue(fault);
        json.WriteEndArray();
        json.WriteString("pagerFailure", report.PagerFailure);
        json.WriteNumber("exitCode", exitCode);
        json.WriteEndObject();
    }

    /// <summary>"personalities": the console's text, the script's status, the RT side's misses; null for other workloads.</summary>
    private static void WritePersonalities(Utf8JsonWriter json, PersonalitiesOutcome? outcome)
    {
        if (outcome is null)
        {
            json.WriteNull("personalities");
            return;
        }
        json.WriteStartObject("personalities");
        json.WriteString("console", outcome.Console);
        if (outcome.ScriptStatus is { } status) json.WriteNumber("scriptStatus", status);
        else json.WriteNull("scriptStatus");
        json.WriteString("unixBootError", outcome.BootError);
        json.WriteBoolean("rtFinished", outcome.RtFinished);
        json.WriteNumber("deadlineMisses", outcome.Misses);
        json.WriteEndObject();
    }

    private static void WriteCpus(Utf8JsonWriter json, MachineReport report)
    {
        json.WriteStartArray("cpus");
        foreach (var cpu in report.Cpus)
        {
            json.WriteStartObject();
            json.WriteNumber("cpu", cpu.Cpu);
            json.WriteNumber("busyNs", cpu.Busy.Nanoseconds);
            json.WriteNumber("idleNs", cpu.Idle.Nanoseconds);
            json.WriteNumber("utilisation", Math.Round(cpu.Utilisation, 6));
            json.WriteNumber("contextSwitches", cpu.ContextSwitches);
            json.WriteNumber("traps", cpu.Traps);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteThreads(Utf8JsonWriter json, MachineReport report)
    {
        json.WriteStartArray("threads");
        foreach (var t in report.Threads)
        {
            json.WriteStartObject();
            json.WriteString("task", t.Task.Name);
            json.WriteNumber("taskId", t.Task.Id);
            json.WriteString("thread", t.Thread.Name);
            json.WriteNumber("threadId", t.Thread.Id);
            json.WriteString("state", t.State.ToString());
            json.WriteString("policy", t.Policy == SchedPolicy.FixedPriority ? "fixed" : "timeshare");
            json.WriteNumber("basePriority", t.BasePriority);
            json.WriteNumber("schedPriority", t.SchedPriority);
            json.WriteNumber("cpuTimeNs", t.CpuTime.Nanoseconds);
            json.WriteNumber("dispatches", t.Dispatches);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteTotals(Utf8JsonWriter json, MachineReport report)
    {
        json.WriteStartObject("totals");
        json.WriteNumber("elapsedNs", report.Elapsed.Nanoseconds);
        json.WriteNumber("cpuTimeNs", report.Cpus.Sum(c => c.Busy.Nanoseconds + c.Idle.Nanoseconds));
        json.WriteNumber("threadsStarted", report.Threads.Count);
        json.WriteNumber("threadsEnded", report.Threads.Count - report.LiveThreads);
        json.WriteNumber("kernelDispatches", report.Threads.Sum(t => t.Dispatches));
        json.WriteNumber("runtimeSteps", report.Steps);
        if (report.Decisions is { } decisions) json.WriteNumber("decisions", decisions);
        else json.WriteNull("decisions");
        json.WriteNumber("faults", report.Faults.Count);
        json.WriteEndObject();
    }

    private static void WriteIpc(Utf8JsonWriter json, MachineReport report)
    {
        var ipc = report.Ipc;
        Numbers(json, "ipc",
        [
            ("sent", ipc.MessagesSent), ("rpcs", ipc.Rpcs), ("received", ipc.MessagesReceived), ("handoffs", report.Handoffs),
            ("blockedSends", ipc.SendsBlocked), ("notifications", ipc.Notifications), ("portsCreated", ipc.PortsCreated), ("portsDestroyed", ipc.PortsDestroyed),
        ], null);
    }

    private static void WriteVm(Utf8JsonWriter json, MachineReport report)
    {
        var vm = report.Vm;
        Numbers(json, "vm",
        [
            ("faults", vm.Faults), ("zeroFills", vm.ZeroFills), ("pageins", vm.Pageins), ("pageouts", vm.Pageouts), ("unwrittenMax", vm.MaxUnwritten),
            ("freeFramesNow", vm.FreeFrames), ("freeFramesMin", vm.MinFreeFrames), ("freeFrameSampleIntervalNs", MachineRunner.SampleInterval.Nanoseconds),
        ], report.FreeFrameSamples);
    }

    /// <summary>An object <paramref name="name"/> of the numbers, and the free frame samples when given.</summary>
    private static void Numbers(Utf8JsonWriter json, string name, IEnumerable<(string Key, long Value)> numbers, IReadOnlyList<int>? samples)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in numbers) json.WriteNumber(key, value);
        if (samples is not null)
        {
            json.WriteStartArray("freeFrameSamples");
            foreach (var sample in samples) json.WriteNumberValue(sample);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WritePager(Utf8JsonWriter json, MachineReport report)
    {
        json.WriteStartObject("pagers");
        json.WriteString("memoryObjectPager", report.Pager);
        if (report.DefaultPager is { } d) Numbers(json, "defaultPager", DefaultPagerRows.Of(d).Select(r => (r.Key, r.Value)), null);
        else json.WriteNull("defaultPager");
        json.WriteEndObject();
    }
}
