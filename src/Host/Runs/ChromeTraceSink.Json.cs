using System.Globalization;
using System.Text.Json;

namespace MachActors.Host.Runs;

/// <summary>The timeline as Chrome Trace Event JSON: { "traceEvents": [...], "displayTimeUnit": "ns" }.</summary>
internal sealed partial class ChromeTraceSink
{
    /// <summary>The process id of the machine (there is one process).</summary>
    public const int MachinePid = 1;

    /// <summary>The lane (tid) of the paging daemon's pageouts.</summary>
    public const int PagingTid = 1000;

    /// <summary>
    /// Writes the timeline recorded so far to <paramref name="stream"/>: metadata (ph "M": the machine's
    /// process_name, its tasks as process_labels, a thread_name and thread_sort_index per lane), then
    /// per CPU lane (tid = CPU + 1) a complete event (ph "X", ts and dur in microseconds of virtual
    /// time) per thread slice, named "thread (task)" with the task in cat and args; instants (ph "i", s
    /// "t"); flows (ph "s" and "f" with bp "e", the same id) only for messages whose both ends were
    /// seen. Slices still open end at the report's end. Returns the number of events written.
    /// </summary>
    public int Write(Stream stream, MachineReport report)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(report);
        var end = report.Elapsed.Nanoseconds;
        var threads = report.Threads.ToDictionary(t => t.Thread.Id, t => (Task: t.Task.ToString(), Thread: t.Thread.Name));
        List<Slice> slices;
        List<Instant> instants;
        List<Flow> flows;
        lock (_lock)
        {
            slices = [.. _slices, .. _open.Select(o => new Slice(o.Key, o.Value.ThreadId, o.Value.Thread, o.Value.Start, Math.Max(end, o.Value.Start), Describe(null)))];
            instants = [.. _instants];
            flows = [.. _flows];
        }
        var count = 0;
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("traceEvents");
        count += WriteMetadata(json, report, threads.Values.Select(t => t.Task).Distinct(), instants.Any(i => i.Lane == PagingLane));
        foreach (var slice in slices.OrderBy(s => s.Start).ThenBy(s => s.Cpu))
        {
            var (task, thread) = threads.TryGetValue(slice.ThreadId, out var names) ? names : ("?", slice.Thread);
            Event(json, "X", $"{thread} ({task})", TidOf(slice.Cpu), slice.Start, task);
            json.WriteNumber("dur", Micros(slice.End - slice.Start));
            json.WriteStartObject("args");
            json.WriteString("task", task);
            json.WriteString("thread", thread);
            json.WriteNumber("threadId", slice.ThreadId);
            json.WriteString("left", slice.Reason);
            json.WriteEndObject();
            json.WriteEndObject();
            count++;
        }
        foreach (var instant in instants)
        {
            Event(json, "i", instant.Name, TidOf(instant.Lane), instant.Time, instant.Lane == PagingLane ? "vm" : "vm,fault");
            json.WriteString("s", "t");
            json.WriteStartObject("args");
            json.WriteString("what", instant.Detail);
            json.WriteEndObject();
            json.WriteEndObject();
            count++;
        }
        foreach (var flow in flows)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"message {flow.Start.MessageId}");
            Event(json, "s", name, TidOf(flow.Start.Cpu), flow.Start.Time, "ipc");
            json.WriteNumber("id", flow.Start.Id);
            json.WriteEndObject();
            Event(json, "f", name, TidOf(flow.Cpu), flow.Time, "ipc");
            json.WriteNumber("id", flow.Start.Id);
            json.WriteString("bp", "e");
            json.WriteEndObject();
            count += 2;
        }
        json.WriteEndArray();
        json.WriteString("displayTimeUnit", "ns");
        json.WriteEndObject();
        return count;
    }

    /// <summary>The lane (tid) of CPU <paramref name="cpu"/>, or of the paging daemon.</summary>
    public static int TidOf(int cpu) => cpu == PagingLane ? PagingTid : cpu + 1;

    private static int WriteMetadata(Utf8JsonWriter json, MachineReport report, IEnumerable<string> tasks, bool paging)
    {
        var s = report.Settings;
        var count = 0;
        Metadata(json, "process_name", 0, "name", string.Create(CultureInfo.InvariantCulture,
            $"MachActors machine: workload '{s.Workload}', {report.Config.CpuCount} CPUs, seed {s.Seed} (virtual time)"));
        Metadata(json, "process_labels", 0, "labels", "tasks: " + string.Join(", ", tasks));
        count += 2;
        for (var cpu = 0; cpu < report.Config.CpuCount; cpu++)
        {
            Metadata(json, "thread_name", TidOf(cpu), "name", string.Create(CultureInfo.InvariantCulture, $"CPU {cpu}"));
            Metadata(json, "thread_sort_index", TidOf(cpu), "sort_index", cpu);
            count += 2;
        }
        if (!paging) return count;
        Metadata(json, "thread_name", PagingTid, "name", "paging daemon (pageouts)");
        Metadata(json, "thread_sort_index", PagingTid, "sort_index", report.Config.CpuCount);
        return count + 2;
    }

    private static void Metadata(Utf8JsonWriter json, string name, int tid, string key, object value)
    {
        json.WriteStartObject();
        json.WriteString("ph", "M");
        json.WriteString("name", name);
        json.WriteNumber("pid", MachinePid);
        json.WriteNumber("tid", tid);
        json.WriteStartObject("args");
        if (value is int number) json.WriteNumber(key, number);
        else json.WriteString(key, (string)value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Opens an event object with its common fields; the caller adds its own and closes it.</summary>
    private static void Event(Utf8JsonWriter json, string phase, string name, int tid, long nanoseconds, string category)
    {
        json.WriteStartObject();
        json.WriteString("ph", phase);
        json.WriteString("name", name);
        json.WriteString("cat", category);
        json.WriteNumber("pid", MachinePid);
        json.WriteNumber("tid", tid);
        json.WriteNumber("ts", Micros(nanoseconds));
    }

    /// <summary>Nanoseconds as microseconds, exactly (the format's unit).</summary>
    private static decimal Micros(long nanoseconds) => nanoseconds / 1000m;
}
