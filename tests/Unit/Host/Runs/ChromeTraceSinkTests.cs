using System.Collections.Immutable;
using System.Text.Json;
using MachActors.Actors.Tracing;
using MachActors.Hardware;
using MachActors.Hardware.Cpu;
using MachActors.Hardware.Execution;
using MachActors.Host.Runs;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Tests.Unit.Host.Runs;

/// <summary>The Chrome trace sink as a plain class: hand-made runtime events in, JSON out.</summary>
public class ChromeTraceSinkTests
{
    private const int Cpu0Actor = 10, Cpu1Actor = 11, TaskActor = 20, PortActor = 30;
    private const long Sender = 100, Receiver = 101;

    private readonly ChromeTraceSink _sink = new();

    private void Event(TraceKind kind, long nanoseconds, int actor, long other, object? message, string? text = null) =>
        _sink.OnEvent(new TraceEvent(kind, new VirtualTime(nanoseconds), 0, actor, other, message, text));

    private void Boot()
    {
        Event(TraceKind.Spawn, 0, Cpu0Actor, 0, typeof(Cpu), "cpu0");
        Event(TraceKind.Spawn, 0, Cpu1Actor, 0, typeof(Cpu), "cpu1");
    }

    private static ThreadExecution Thread(long id, string name) => new(id, name, () => Task.CompletedTask);

    private static KernelMessage Message(int id) => new(new PortRef(1, null!), MsgType.PortSend, CarriedRight.Null, id, [], 24);

    private static CallerReply Caller(long thread) => new(null!, 1, thread, null);

    private List<JsonElement> Written(long endNanoseconds)
    {
        using var stream = new MemoryStream();
        var count = _sink.Write(stream, Report(endNanoseconds));
        var events = JsonDocument.Parse(stream.ToArray()).RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        Assert.Equal(count, events.Count);
        return events;
    }

    [Fact]
    public void ASliceRunsFromRunThreadToThreadSurrendered_InMicroseconds_AndAnOpenOneEndsAtTheEnd()
    {
        Boot();
        Event(TraceKind.Deliver, 1_500, Cpu0Actor, 0, new RunThread(Thread(Sender, "client")));
        Event(TraceKind.Send, 4_250, Cpu0Actor, 0, new ThreadSurrendered(0, Thread(Sender, "client"), new SurrenderReason.Blocked(new WaitChannel(null!, "mutex 3")), Duration.Zero));
        Event(TraceKind.Deliver, 5_000, Cpu1Actor, 0, new RunThread(Thread(Receiver, "server")));

        var slices = Written(9_000).Where(e => e.GetProperty("ph").GetString() == "X").ToList();

        Assert.Equal(2, slices.Count);
        Assert.Equal((1, 1.5m, 2.75m, "client (app#1)", "blocked: mutex 3"), Slice(slices[0]));
        Assert.Equal((2, 5m, 4m, "server (app#1)", "still running at the end"), Slice(slices[1]));
    }

    [Fact]
    public void AMessageToABlockedThread_FlowsToItsNextSlice()
    {
        Boot();
        Event(TraceKind.Deliver, 1_000, Cpu0Actor, 0, new RunThread(Thread(Sender, "client")));
        Event(TraceKind.Send, 2_000, TaskActor, PortActor, new PortEnqueue(Message(7), new SendWait(Caller(Sender), null!, default, null, false)));
        var wait = new ReceiveWait(Caller(Receiver), null!, default, 1024, null);
        Event(TraceKind.Send, 2_000, PortActor, TaskActor, new SpaceDeliver(Message(7) with { Seqno = 3 }, wait, new WaitChannel(null!, "receive"), null));
        Event(TraceKind.Deliver, 6_000, Cpu1Actor, 0, new RunThread(Thread(Receiver, "server")));

        var events = Written(8_000);

        var start = Assert.Single(events, e => e.GetProperty("ph").GetString() == "s");
        var finish = Assert.Single(events, e => e.GetProperty("ph").GetString() == "f");
        Assert.Equal((1, 2m, "message 7"), (start.GetProperty("tid").GetInt32(), start.GetProperty("ts").GetDecimal(), start.GetProperty("name").GetString()));
        Assert.Equal((2, 6m, "e"), (finish.GetProperty("tid").GetInt32(), finish.GetProperty("ts").GetDecimal(), finish.GetProperty("bp").GetString()));
        Assert.Equal(start.GetProperty("id").GetInt64(), finish.GetProperty("id").GetInt64());
    }

    [Fact]
    public void AMessageNoThreadReceives_IsNoFlow_AndAPageFaultIsAnInstantOnItsCpu()
    {
        Boot();
        Event(TraceKind.Deliver, 1_000, Cpu1Actor, 0, new RunThread(Thread(Sender, "client")));
        Event(TraceKind.Send, 2_000, TaskActor, PortActor, new PortEnqueue(Message(8), new SendWait(Caller(Sender), null!, default, null, false)));
        Event(TraceKind.Send, 2_000, PortActor, TaskActor, new KernelPortMessage(Message(8)));
        Event(TraceKind.Send, 3_000, TaskActor, Cpu1Actor, new KernelCallBlocked(1, new WaitChannel(null!, "page fault at 0x1000")));
        Event(TraceKind.Send, 3_000, TaskActor, Cpu1Actor, new KernelCallBlocked(2, new WaitChannel(null!, "join worker#3")));

        var events = Written(4_000);

        Assert.DoesNotContain(events, e => e.GetProperty("ph").GetString() is "s" or "f");
        var fault = Assert.Single(events, e => e.GetProperty("ph").GetString() == "i");
        Assert.Equal((2, 3m, "page fault at 0x1000"), (fault.GetProperty("tid").GetInt32(), fault.GetProperty("ts").GetDecimal(), fault.GetProperty("args").GetProperty("what").GetString()));
    }

    private static (int Tid, decimal Ts, decimal Dur, string Name, string Left) Slice(JsonElement e) =>
        (e.GetProperty("tid").GetInt32(), e.GetProperty("ts").GetDecimal(), e.GetProperty("dur").GetDecimal(), e.GetProperty("name").GetString()!,
            e.GetProperty("args").GetProperty("left").GetString()!);

    private static MachineReport Report(long endNanoseconds)
    {
        var task = new TaskHandle(1, "app");
        ThreadBasicInfo Info(long id, string name) => new(new ThreadHandle(id, name), task, ThreadRunState.Waiting, Duration.Zero, 12, 0, 12, SchedPolicy.Timeshare, 0, 1, 0, null);
        return new MachineReport
        {
            Settings = new RunSettings(2, "test", 0, false, false, false, Duration.FromSeconds(1)),
            Description = "", Config = new MachineConfig { CpuCount = 2 }, Dispatcher = "", Outcome = RunOutcome.DeadlineReached,
            Elapsed = new VirtualTime(endNanoseconds), Cpus = [], Threads = [Info(Sender, "client"), Info(Receiver, "server")], LiveThreads = 2,
            Faults = [], Ipc = new IpcCounts(0, 0, 0, 0, 0, 0, 0), Vm = new VmCounts(0, 0, 0, 0, 0, 0), FreeFrameSamples = [], Handoffs = 0,
            Steps = 0, Decisions = 0, TraceLines = [],
        };
    }
}
