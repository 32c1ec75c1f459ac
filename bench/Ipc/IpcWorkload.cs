using System.Globalization;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;

namespace MachActors.Bench.Ipc;

/// <summary>What the two threads of an <see cref="IpcWorkload"/> do.</summary>
public enum IpcKind
{
    /// <summary>The client loops <c>Rpc(request, replyPort)</c>; the server answers and waits for the next request in one mach_msg (mach_msg_server).</summary>
    NullRpc,

    /// <summary>The client sends one-way messages; the server drains them (qlimit flow control blocks the sender at times).</summary>
    OneWay,
}

/// <summary>
/// One deterministic run of two tasks talking through Mach IPC on the simulated machine, on the
/// controlled dispatcher (seed <see cref="Seed"/>, decision recording on, as in real use).
/// <see cref="Prepare"/> creates the actor system (not measured); <see cref="Run"/> boots the
/// machine, starts the server task, which allocates its port, creates the client task, gives it a
/// send right and starts its thread, and runs until both threads have ended (measured: boot and
/// set-up are a few dozen steps of a run of hundreds of thousands); <see cref="Verify"/> checks the
/// run exactly (not measured), so a broken machine cannot produce a fast number.
/// </summary>
/// <remarks>
/// Null RPC: header-only request (id 1000, reply right made send-once from the client's reply
/// port) and header-only reply (id 1100, moved back through the send-once right). The server does
/// one receive, then <see cref="Operations"/> - 1 combined reply-and-receive calls, then one last
/// reply. Checked: the server saw every request in order (seqnos 0..N-1 on its port, each carrying
/// a send-once reply right), the client got every reply (seqnos 0..N-1 on its reply port, id 1100,
/// each a success).
/// One-way: header-only messages (ids 0..N-1 in order) to the server's port (default qlimit);
/// checked: the server received N, ids and seqnos 0..N-1, and the client's N sends succeeded.
/// </remarks>
public sealed class IpcWorkload : MachineBenchWorkload
{
    /// <summary>The client's request id (msgh_id).</summary>
    public const int RequestId = 1000;

    /// <summary>The server's reply id.</summary>
    public const int ReplyId = 1100;

    private static readonly PortName ServerName = new(0x1234);
    private const string ProgramName = "server";

    private Counts _counts = new();
    private ISchedulerObserver? _observer;

    /// <summary>A workload of <paramref name="operations"/> RPCs or one-way messages on <paramref name="cpus"/> CPUs.</summary>
    public IpcWorkload(IpcKind kind, int cpus, int operations)
    {
        Kind = kind;
        Cpus = cpus;
        Operations = operations;
    }

    public IpcKind Kind { get; }

    public int Cpus { get; }

    /// <summary>RPCs or one-way messages per run (the benchmark's operation count).</summary>
    public int Operations { get; }

    /// <summary>Decisions recorded in the last run, set by <see cref="Verify"/>.</summary>
    public long Decisions { get; private set; }

    /// <summary>Virtual time the last run took, set by <see cref="Verify"/>.</summary>
    public Duration VirtualElapsed { get; private set; }

    /// <summary>Context switches of the last run (all CPUs), set by <see cref="Verify"/>.</summary>
    public long ContextSwitches { get; private set; }

    /// <summary>Traps of the last run (all CPUs), set by <see cref="Verify"/>.</summary>
    public long Traps { get; private set; }

    /// <summary>Creates a fresh controlled actor system; <paramref name="trace"/> and <paramref name="observer"/> for the untimed checks and the step report only.</summary>
    public void Prepare(ITraceSink? trace = null, ISchedulerObserver? observer = null)
    {
        NewSystem("ibench", trace);
        _observer = observer;
        _counts = new Counts();
    }

    /// <inheritdoc />
    protected override void PrepareDefault() => Prepare();

    /// <summary>Boots the machine, starts the server task (which starts the client), runs until both threads end; returns the run's steps.</summary>
    public override long Run()
    {
        var system = Prepared;
        var counts = _counts;
        var n = Operations;
        ThreadBody client = Kind == IpcKind.NullRpc ? env => RpcClient(env, n, counts) : env => OneWayClient(env, n, counts);
        var programs = new ProgramRegistry().Register(ProgramName, Kind == IpcKind.NullRpc
            ? (env, _) => RpcServer(env, n, counts, client)
            : (env, _) => OneWayServer(env, n, counts, client));
        var options = _observer is null ? null : new SchedulerOptions { Observer = _observer };
        Booted = Machine.Boot(system, new MachineConfig { CpuCount = Cpus }, programs, options);
        Booted.StartTask(ProgramName, name: "server");
        var result = Booted.RunUntilThreadsEnd(Duration.FromSeconds(3_600), maxSteps: 200L * n + 10_000);
        if (result.Outcome != RunOutcome.ConditionMet) throw new InvalidOperationException($"{this}: the threads did not all end: {result}");
        return MeasuredSteps;
    }

    /// <summary>The server's port, the client task with a send right to it under <see cref="ServerName"/>, the client's thread started.</summary>
    private static async Task<PortName> SetUp(MachEnv env, ThreadBody client)
    {
        var port = await env.MachReplyPort();
        var (created, child) = await env.TaskCreate(env.TaskSelf, "client");
        if (created != KernReturn.Success) throw new InvalidOperationException($"task_create: {created}");
        var inserted = await env.PortInsertRight(child, ServerName, port, MsgType.MakeSend);
        if (inserted.Result != KernReturn.Success) throw new InvalidOperationException($"insert_right: {inserted.Result}");
        var (made, thread) = await env.ThreadCreate(child, client, "client");
        if (made != KernReturn.Success) throw new InvalidOperationException($"thread_create: {made}");
        await env.ThreadResume(thread);
        return port;
    }

    private static async Task RpcServer(MachEnv env, int n, Counts counts, ThreadBody client)
    {
        var port = await SetUp(env, client);
        var request = await env.Receive(port);
        for (var i = 0; ; i++)
        {
            counts.CheckRequest(request, i);
            var reply = new MachMessage(MsgHeader.To(request.Message!.Header.Remote, MsgType.MoveSendOnce, ReplyId));
            if (i == n - 1)
            {
                counts.CheckSent(await env.Send(reply));
                return;
            }
            request = await env.MachMsg(reply, MachMsgOption.Send | MachMsgOption.Receive, receiveName: port);
        }
    }

    private static async Task<object?> RpcClient(MachEnv env, int n, Counts counts)
    {
        var reply = await env.MachReplyPort();
        var request = new MachMessage(new MsgHeader(ServerName, MsgType.CopySend, reply, MsgType.MakeSendOnce, RequestId));
        for (var i = 0; i < n; i++) counts.CheckReply(await env.Rpc(request, reply), i);
        return null;
    }

    private static async Task OneWayServer(MachEnv env, int n, Counts counts, ThreadBody client)
    {
        var port = await SetUp(env, client);
        for (var i = 0; i < n; i++) counts.CheckOneWay(await env.Receive(port), i);
    }

    private static async Task<object?> OneWayClient(MachEnv env, int n, Counts counts)
    {
        for (var i = 0; i < n; i++) counts.CheckSent(await env.Send(new MachMessage(MsgHeader.To(ServerName, MsgType.CopySend, i))));
        return null;
    }

    /// <summary>
    /// Throws unless the last run ended both threads without a fault, the server saw every request
    /// and the client every reply in order (exact counts and seqnos), CPU time was conserved, and
    /// the run took as many steps as the first (determinism). Records the run's figures.
    /// </summary>
    protected override void Check()
    {
        var system = Prepared;
        var machine = Ran;
        Decisions = system.Dispatcher.DecisionCount;
        VirtualElapsed = system.Now - VirtualTime.Zero;
        CheckMachine(threads: 2);
        if (_counts.Error is { } error) throw new InvalidOperationException($"{this}: {error}");
        var expectedReplies = Kind == IpcKind.NullRpc ? Operations : 0;
        if (_counts.Received != Operations || _counts.Replies != expectedReplies || _counts.Sent != Operations)
        {
            throw new InvalidOperationException(
                $"{this}: server received {_counts.Received}, client got {_counts.Replies} replies, {_counts.Sent} sends succeeded; expected {Operations}, {expectedReplies}, {Operations}");
        }
        var stats = machine.CpuStats();
        ContextSwitches = stats.Sum(s => s.ContextSwitches);
        Traps = stats.Sum(s => s.Traps);
    }

    /// <summary>
    /// One untimed run with a scheduler observer: returns how many dispatches were IPC handoffs.
    /// Throws if an RPC run on 1 CPU made fewer handoffs than RPCs (both directions hand off there).
    /// On 2 CPUs the scheduler gives the woken receiver the idle CPU before the sender's surrender
    /// arrives, so no handoff applies (docs/IPC.md rule 6: the hint is ignored when the target is
    /// no longer queued); the count is reported, not required.
    /// </summary>
    public long CountHandoffs()
    {
        var observer = new HandoffCounter();
        Prepare(observer: observer);
        Run();
        Verify();
        Release();
        if (Kind == IpcKind.NullRpc && Cpus == 1 && observer.Handoffs < Operations) throw new InvalidOperationException($"{this}: only {observer.Handoffs} dispatches were handoffs");
        return observer.Handoffs;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind} x {Operations:N0} on 2 threads / {Cpus} CPU{(Cpus == 1 ? "" : "s")}");

    /// <summary>What the programs saw (written by the programs, read by the host after the run). The first error is kept.</summary>
    private sealed class Counts
    {
        public long Received { get; private set; }

        public long Replies { get; private set; }

        public long Sent { get; private set; }

        public string? Error { get; private set; }

        public void CheckRequest(MachMsgResult r, int i)
        {
            if (r.Return != MachMsgReturn.Success || r.Message is not { } m) Fail($"request {i}: {r.Return}");
            else if (m.Seqno != i || m.Header.Id != RequestId || m.Header.RemoteDisposition != MsgType.PortSendOnce) Fail($"request {i}: seqno {m.Seqno}, {m.Header}");
            else Received++;
            if (i > 0) Sent++; // the combined call's send half succeeded (it returns at once otherwise)
        }

        public void CheckReply(MachMsgResult r, int i)
        {
            if (r.Return != MachMsgReturn.Success || r.Message is not { } m) Fail($"reply {i}: {r.Return}");
            else if (m.Seqno != i || m.Header.Id != ReplyId || m.Header.LocalDisposition != MsgType.PortSendOnce) Fail($"reply {i}: seqno {m.Seqno}, {m.Header}");
            else Replies++;
        }

        public void CheckOneWay(MachMsgResult r, int i)
        {
            if (r.Return != MachMsgReturn.Success || r.Message is not { } m) Fail($"message {i}: {r.Return}");
            else if (m.Seqno != i || m.Header.Id != i) Fail($"message {i}: seqno {m.Seqno}, id {m.Header.Id}");
            else Received++;
        }

        public void CheckSent(MachMsgResult r)
        {
            if (r.Return == MachMsgReturn.Success) Sent++;
            else Fail($"send: {r.Return}");
        }

        private void Fail(string error) => Error ??= error;
    }

    private sealed class HandoffCounter : ISchedulerObserver
    {
        public long Handoffs { get; private set; }

        public void OnDispatch(DispatchRecord dispatch)
        {
            if (dispatch.Handoff) Handoffs++;
        }
    }
}
