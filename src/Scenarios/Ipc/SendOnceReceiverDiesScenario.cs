using System.Globalization;
using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;

namespace MachActors.Scenarios.Ipc;

/// <summary>
/// Send-once rights in flight when the task holding the receive right dies. The client task makes a
/// port, a server task (task_create) holding its receive right, and a dead-name request on its send
/// right. The server's thread takes one message at a time, computing between them; it answers the
/// first RPC (id 100) and keeps every other reply right unused. One client thread makes two RPCs
/// (ids 100, 101); another sends a one-way message carrying a send-once right to its own port and
/// waits on that port; the main thread terminates the server task (task_terminate) meanwhile. So at
/// the death a send-once right may be queued in a request, held by the server, in a message on its
/// way to the server's space, or not yet sent. Checks (docs/IPC.md rule 4 and 8): every RPC returns
/// (no thread hangs: liveness) with the server's reply (only the first), the send-once notification
/// (71) of its reply right, or SendInvalidDest (the name was already dead); the one-way message's
/// right comes back as exactly one send-once notification; the dead-name notification (72) arrives;
/// a send after it returns SendInvalidDest. Message accounting (drained) and capability safety
/// monitors.
/// </summary>
public class SendOnceReceiverDiesScenario : MachineScenario
{
    /// <summary>The name the port's receive right gets in the server's space.</summary>
    public static readonly PortName ServerPort = new(0x7200);

    /// <summary>Cycles the client's main thread computes before it terminates the server (parameter <c>kill-after</c>).</summary>
    public const long KillAfter = 2_700;

    /// <summary>Cycles the server computes after each message it takes.</summary>
    public const long ServeCycles = 1_000;

    private const int FirstRpc = 100;
    private const int Reply = 200;
    private const int OneWay = 300;

    /// <inheritdoc />
    public override string Name => "ipc-send-once-receiver-dies";

    /// <inheritdoc />
    public override string Description => "send-once rights in requests and messages in flight when the receiving task is terminated";

    /// <summary>Every message is received: the accounting monitor treats one left on a live port as lost.</summary>
    protected override bool DrainsMessages => true;

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var killAfter = run.Context.Parameters.TryGetValue("kill-after", out var text) ? long.Parse(text, CultureInfo.InvariantCulture) : KillAfter;
        var seen = new Outcome();
        run.Start("client", async env =>
        {
            var (inserted, port, server) = await IpcPrograms.ReceiveRightInNewTask(env, "server", ServerPort);
            var notify = await env.MachReplyPort();
            var requested = (await env.PortRequestNotification(port, NotifyIds.DeadName, 0, notify)).Result;
            var (started, serverThread) = await env.ThreadCreate(server, Server, "server");
            if (inserted != KernReturn.Success || requested != KernReturn.Success || started != KernReturn.Success)
            {
                seen.Failed = $"setup failed: insert {inserted}, dead-name request {requested}, thread_create {started}";
                return;
            }
            await env.ThreadResume(serverThread);
            var rpcs = await env.CThreadFork(e => Rpcs(e, port, seen), "rpc");
            var oneWay = await env.CThreadFork(e => SendOnceInMessage(e, port, seen), "one-way");
            await env.Compute(killAfter);
            seen.Terminate = await env.TaskTerminate(server);
            seen.DeadName = (await env.Receive(notify)).Message?.Header.Id;
            await env.CThreadJoin(rpcs);
            await env.CThreadJoin(oneWay);
            seen.After = (await env.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, OneWay + 1)))).Return;
        });
        return () => seen.Failed ?? seen.Judge() ?? NoFault(run);
    }

    /// <summary>The server's thread: takes messages one at a time; answers the first RPC, keeps every other reply right.</summary>
    private static async Task<object?> Server(MachEnv env)
    {
        while (true)
        {
            var got = await env.Receive(ServerPort);
            if (got.Return != MachMsgReturn.Success || got.Message is not { } m) return null;
            await env.Compute(ServeCycles);
            if (m.Header.Id == FirstRpc) await env.Send(new MachMessage(MsgHeader.To(m.Header.Remote, MsgType.MoveSendOnce, Reply)));
        }
    }

    private static async Task<object?> Rpcs(MachEnv env, PortName port, Outcome seen)
    {
        var reply = await env.MachReplyPort();
        for (var k = 0; k < 2; k++)
        {
            var r = await env.Rpc(new MachMessage(new MsgHeader(port, MsgType.CopySend, reply, MsgType.MakeSendOnce, FirstRpc + k)), reply);
            seen.Rpcs.Add((r.Return, r.Message?.Header.Id));
        }
        return null;
    }

    private static async Task<object?> SendOnceInMessage(MachEnv env, PortName port, Outcome seen)
    {
        var mine = await env.MachReplyPort();
        seen.OneWay = (await env.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, OneWay), [new MsgItem.Port(mine, MsgType.MakeSendOnce)]))).Return;
        if (seen.OneWay != MachMsgReturn.Success) return null;
        seen.OneWayRight = (await env.Receive(mine)).Message?.Header.Id;
        seen.OneWayExtra = (await env.Receive(mine, Duration.Zero)).Return;
        return null;
    }

    /// <summary>What the client's threads saw (one per iteration).</summary>
    private sealed class Outcome
    {
        public string? Failed { get; set; }

        public List<(MachMsgReturn Code, int? Id)> Rpcs { get; } = [];

        public MachMsgReturn? OneWay { get; set; }

        public int? OneWayRight { get; set; }

        public MachMsgReturn? OneWayExtra { get; set; }

        public KernReturn? Terminate { get; set; }

        public int? DeadName { get; set; }

        public MachMsgReturn? After { get; set; }

        public string? Judge()
        {
            if (Terminate != KernReturn.Success) return $"task_terminate returned {Terminate}";
            if (DeadName != NotifyIds.DeadName) return $"the dead-name request got message {DeadName?.ToString(CultureInfo.InvariantCulture) ?? "none"}, not {NotifyIds.DeadName}";
            if (After != MachMsgReturn.SendInvalidDest) return $"a send after the dead-name notification returned {After}";
            if (Rpcs.Count != 2) return $"{Rpcs.Count} of 2 RPCs returned";
            for (var k = 0; k < 2; k++)
            {
                var (code, id) = Rpcs[k];
                var fine = code == MachMsgReturn.SendInvalidDest
                    || (code == MachMsgReturn.Success && (id == NotifyIds.SendOnce || (k == 0 && id == Reply)));
                if (!fine) return $"RPC {FirstRpc + k} returned {code} with message {id?.ToString(CultureInfo.InvariantCulture) ?? "none"}";
            }
            if (OneWay is not (MachMsgReturn.Success or MachMsgReturn.SendInvalidDest)) return $"the one-way send returned {OneWay}";
            if (OneWay == MachMsgReturn.Success && OneWayRight != NotifyIds.SendOnce) return $"the send-once right in the one-way message came back as {OneWayRight}, not a send-once notification";
            if (OneWay == MachMsgReturn.Success && OneWayExtra != MachMsgReturn.RcvTimedOut) return $"a second message reached the one-way message's send-once port ({OneWayExtra})";
            return null;
        }
    }
}
