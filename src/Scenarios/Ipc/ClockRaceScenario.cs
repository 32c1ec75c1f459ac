using System.Collections.Immutable;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;

namespace MachActors.Scenarios.Ipc;

/// <summary>
/// Clock interrupts racing IPC. An RPC client task and a server task (task_create, holding the receive
/// right of the client's port), each with a CPU-bound hog thread beside it, on two CPUs with a 100 ms
/// tick (hz 10, so a timesharing quantum is one to four ticks and quanta expire while RPCs are in
/// flight). The client makes <see cref="Rpcs"/> RPCs, computing between them; the server answers each
/// with a combined reply-and-receive (the RPC handoff path), computing before each answer. The client
/// waits for each reply with a receive timeout (<see cref="ReplyTimeout"/>) and receives again when it
/// expires, so an early timeout races the reply's dequeue and copyout. Meant to be
/// explored with early timers (<c>--early-timers</c>, <c>StrategyOptions.EarlyTimers</c>): the clock's
/// ticks, the CPUs' segment timers and quantum expiry then fire between any two IPC steps. Checks: every
/// RPC is answered exactly once, in order (reply id and echoed counter), nothing is left for the client
/// afterwards, and every thread ends (no hang: liveness). Message accounting (drained) and capability
/// safety monitors.
/// </summary>
public class ClockRaceScenario : MachineScenario
{
    /// <summary>RPCs the client makes.</summary>
    public const int Rpcs = 6;

    /// <summary>
    /// The client's receive timeout for each reply: longer than the run, so it fires only early (early
    /// timers), racing the reply; a timed-out receive is simply made again.
    /// </summary>
    public static readonly Duration ReplyTimeout = Duration.FromMilliseconds(5);

    /// <summary>The name the server's port gets in the server task.</summary>
    public static readonly PortName ServerPort = new(0x7300);

    private const int Request = 700;
    private const int Reply = 1700;

    /// <inheritdoc />
    public override string Name => "ipc-clock-race";

    /// <inheritdoc />
    public override string Description => "RPCs between two tasks on two CPUs while clock ticks expire quanta (explore with early timers)";

    /// <summary>Two CPUs, a 100 ms tick (hz 10: the minimum quantum is one tick).</summary>
    protected override MachineConfig Config => base.Config with { CyclesPerTick = 2_500_000 };

    /// <summary>Five seconds of virtual time (the hogs compute about half a second each).</summary>
    protected override Duration TimeLimit => Duration.FromSeconds(5);

    /// <summary>Every message is received: the accounting monitor treats one left on a live port as lost.</summary>
    protected override bool DrainsMessages => true;

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var replies = new List<(MachMsgReturn Code, int Id, int Counter)>();
        MachMsgReturn? extra = null;
        string? failed = null;
        run.Start("client", async env =>
        {
            var (inserted, port, server) = await IpcPrograms.ReceiveRightInNewTask(env, "server", ServerPort);
            var (started, serverThread) = await env.ThreadCreate(server, Server, "server");
            var (hogStarted, serverHog) = await env.ThreadCreate(server, e => Hog(e), "server-hog");
            if (inserted != KernReturn.Success || started != KernReturn.Success || hogStarted != KernReturn.Success)
            {
                failed = $"setup failed: insert {inserted}, thread_create {started}, {hogStarted}";
                return;
            }
            await env.ThreadResume(serverThread);
            await env.ThreadResume(serverHog);
            var clientHog = await env.CThreadFork(e => Hog(e), "client-hog");
            var reply = await env.MachReplyPort();
            for (var k = 0; k < Rpcs; k++)
            {
                await env.Compute(20_000);
                var r = await env.Rpc(new MachMessage(new MsgHeader(port, MsgType.CopySend, reply, MsgType.MakeSendOnce, Request), [new MsgItem.Int32(k)]), reply, ReplyTimeout);
                while (r.Return == MachMsgReturn.RcvTimedOut) r = await env.Receive(reply, ReplyTimeout); // the request went: wait for its reply again
                replies.Add((r.Return, r.Message?.Header.Id ?? 0, r.Message?.Body.FirstOrDefault() is MsgItem.Int32 c ? c.Value : -1));
            }
            extra = (await env.Receive(reply, Duration.Zero)).Return;
            await env.CThreadJoin(clientHog);
        });
        return () => failed ?? Judge(replies, extra) ?? NoFault(run);
    }

    /// <summary>The server: receives, then answers each request with a reply-and-receive; the last answer is a plain send.</summary>
    private static async Task<object?> Server(MachEnv env)
    {
        var got = await env.Receive(ServerPort);
        for (var k = 0; k < Rpcs; k++)
        {
            if (got.Return != MachMsgReturn.Success || got.Message is not { } m) return null;
            await env.Compute(30_000);
            var answer = new MachMessage(MsgHeader.To(m.Header.Remote, MsgType.MoveSendOnce, Reply), m.Body.IsDefault ? ImmutableArray<MsgItem>.Empty : m.Body);
            got = k < Rpcs - 1
                ? await env.MachMsg(answer, MachMsgOption.Send | MachMsgOption.Receive, receiveName: ServerPort)
                : await env.Send(answer);
        }
        return null;
    }

    /// <summary>A CPU-bound thread: about half a second of computing in pieces, so quanta expire around the RPCs.</summary>
    private static async Task<object?> Hog(MachEnv env)
    {
        for (var i = 0; i < 10; i++) await env.Compute(1_250_000);
        return null;
    }

    private static string? Judge(List<(MachMsgReturn Code, int Id, int Counter)> replies, MachMsgReturn? extra)
    {
        var seen = string.Join(", ", replies.Select(r => $"{r.Code}/{r.Id}/{r.Counter}"));
        if (replies.Count != Rpcs) return $"{replies.Count} of {Rpcs} RPCs returned: {seen}";
        for (var k = 0; k < Rpcs; k++)
        {
            if (replies[k] != (MachMsgReturn.Success, Reply, k)) return $"RPC {k} was answered with {replies[k]}: {seen}";
        }
        return extra == MachMsgReturn.RcvTimedOut ? null : $"a message was left for the client after its last RPC ({extra})";
    }
}
