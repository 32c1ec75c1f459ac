using System.Globalization;
using MachActors.Actors.Tracing;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Execution;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Vm;

namespace MachActors.Host.Runs;

/// <summary>
/// Turns a machine run's runtime trace into a timeline for the Chrome Trace Event format
/// (<see cref="Write"/>): per CPU, the slices of the threads it ran (from RunThread delivered to the
/// CPU until the CPU's ThreadSurrendered); mach_msg messages from one thread to another as flows (from
/// the sender's slice at its PortEnqueue to the receiver's slice when the port's SpaceDeliver reached
/// it, or its next slice if it was blocked); page faults (a thread blocked on a "page fault" wait) as
/// instants on the CPU; pageouts (PageEvicted with the page paged out) as instants on a paging lane.
/// Observation only; thread-safe (under the parallel dispatcher events come from several threads).
/// </summary>
internal sealed partial class ChromeTraceSink : ITraceSink
{
    /// <summary>The lane of the paging daemon's pageouts (not a CPU).</summary>
    public const int PagingLane = -1;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _cpuOfActor = [];
    private readonly Dictionary<int, OpenSlice> _open = [];
    private readonly Dictionary<long, int> _running = [];
    private readonly List<Slice> _slices = [];
    private readonly List<Instant> _instants = [];
    private readonly Dictionary<KernelMessage, Queue<FlowStart>> _inFlight = [];
    private readonly Dictionary<long, List<FlowStart>> _awaitingDispatch = [];
    private readonly List<Flow> _flows = [];
    private long _nextFlow;

    /// <summary>
    /// Spawn of a CPU: its actor is a lane. RunThread delivered to a CPU: a slice begins (and flows
    /// waiting for that thread end there). ThreadSurrendered sent by a CPU: the slice ends. A page-fault
    /// KernelCallBlocked sent to a CPU, a paged-out PageEvicted: instants. PortEnqueue by a running thread:
    /// a flow starts; the port's SpaceDeliver (or KernelPortMessage: no thread receives it) settles it.
    /// </summary>
    public void OnEvent(in TraceEvent e)
    {
        var now = e.Time.Nanoseconds;
        lock (_lock)
        {
            switch (e.Kind, e.Message)
            {
                case (TraceKind.Spawn, Type type) when type == typeof(Cpu) && CpuNumber(e.Text) is { } cpu:
                    _cpuOfActor[e.Actor] = cpu;
                    break;
                case (TraceKind.Deliver, RunThread run) when _cpuOfActor.TryGetValue(e.Actor, out var cpu):
                    Begin(cpu, run.Thread, now);
                    break;
                case (TraceKind.Send, ThreadSurrendered surrendered):
                    End(surrendered.Cpu, now, surrendered.Reason);
                    break;
                case (TraceKind.Send, KernelCallBlocked { Channel: WaitChannel wait }) when wait.What.StartsWith("page fault", StringComparison.Ordinal)
                                                                                         && _cpuOfActor.TryGetValue((int)e.Other, out var cpu):
                    _instants.Add(new Instant(cpu, now, "page fault", wait.What));
                    break;
                case (TraceKind.Send, PageEvicted { PagedOut: true } evicted):
                    _instants.Add(new Instant(PagingLane, now, "pageout", string.Create(CultureInfo.InvariantCulture, $"eviction {evicted.Token}")));
                    break;
                case (TraceKind.Send, PortEnqueue { Sender.Reply.CallerThread: { } sender } enqueue) when _running.TryGetValue(sender, out var cpu):
                    Queue(enqueue.Message).Enqueue(new FlowStart(++_nextFlow, cpu, now, enqueue.Message.Id));
                    break;
                case (TraceKind.Send, SpaceDeliver deliver):
                    if (Take(deliver.Message) is { } start && deliver.Receiver.Reply.CallerThread is { } receiver) Deliver(start, receiver, deliver.Channel is null, now);
                    break;
                case (TraceKind.Send, KernelPortMessage kernel):
                    Take(kernel.Message);
                    break;
            }
        }
    }

    private static int? CpuNumber(string? name) =>
        name is { Length: > 3 } && name.StartsWith("cpu", StringComparison.Ordinal) && int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private void Begin(int cpu, ThreadExecution thread, long now)
    {
        End(cpu, now, null); // never expected: a CPU runs one thread at a time
        _open[cpu] = new OpenSlice(thread.ThreadId, thread.Name, now);
        _running[thread.ThreadId] = cpu;
        if (!_awaitingDispatch.Remove(thread.ThreadId, out var flows)) return;
        foreach (var start in flows) _flows.Add(new Flow(start, cpu, now));
    }

    private void End(int cpu, long now, SurrenderReason? reason)
    {
        if (!_open.Remove(cpu, out var open)) return;
        _running.Remove(open.ThreadId);
        _slices.Add(new Slice(cpu, open.ThreadId, open.Thread, open.Start, now, Describe(reason)));
    }

    private Queue<FlowStart> Queue(KernelMessage message)
    {
        var key = message with { Seqno = 0 };
        if (!_inFlight.TryGetValue(key, out var queue)) _inFlight[key] = queue = new Queue<FlowStart>();
        return queue;
    }

    /// <summary>The oldest flow of a message equal to <paramref name="message"/> (ports are FIFO), or null.</summary>
    private FlowStart? Take(KernelMessage message)
    {
        var key = message with { Seqno = 0 };
        if (!_inFlight.TryGetValue(key, out var queue) || !queue.TryDequeue(out var start)) return null;
        if (queue.Count == 0) _inFlight.Remove(key);
        return start;
    }

    /// <summary>Ends the flow on the receiver's CPU now when it is there in its receive call, else at its next dispatch.</summary>
    private void Deliver(FlowStart start, long receiver, bool inCall, long now)
    {
        if (inCall && _running.TryGetValue(receiver, out var cpu))
        {
            _flows.Add(new Flow(start, cpu, now));
            return;
        }
        if (!_awaitingDispatch.TryGetValue(receiver, out var waiting)) _awaitingDispatch[receiver] = waiting = [];
        waiting.Add(start);
    }

    private static string Describe(SurrenderReason? reason) => reason switch
    {
        null => "still running at the end",
        SurrenderReason.Yield => "yielded",
        SurrenderReason.Preempted => "preempted",
        SurrenderReason.Blocked blocked => "blocked: " + blocked.Channel,
        SurrenderReason.Suspended => "suspended",
        SurrenderReason.Migrating => "migrating",
        SurrenderReason.Terminated => "terminated",
        SurrenderReason.Exited => "exited",
        SurrenderReason.Faulted faulted => "faulted: " + faulted.Error.Message,
        _ => reason.GetType().Name,
    };

    private readonly record struct OpenSlice(long ThreadId, string Thread, long Start);

    private readonly record struct Slice(int Cpu, long ThreadId, string Thread, long Start, long End, string Reason);

    private readonly record struct Instant(int Lane, long Time, string Name, string Detail);

    private readonly record struct FlowStart(long Id, int Cpu, long Time, int MessageId);

    private readonly record struct Flow(FlowStart Start, int Cpu, long Time);
}
