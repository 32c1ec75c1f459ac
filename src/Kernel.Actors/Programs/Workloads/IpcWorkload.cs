using System.Globalization;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.User;
using static MachActors.Kernel.Programs.Workloads.WorkloadChecks;

namespace MachActors.Kernel.Programs.Workloads;

/// <summary>
/// The <c>ipc</c> workload: a server task and three client tasks talking through ports. The server
/// checks its service port in with the name server (netname_check_in through its bootstrap port),
/// starts the clients, and serves RPCs (replying through the request's send-once reply right, in one
/// mach_msg with its next receive) and one-way messages; the clients look the service up, make RPCs
/// (handoff), send bursts into a queue limit of 2 (senders block), pass a send right to their own
/// port in a message (the server sends back on it), and watch the service port die through a
/// dead-name notification. Both sides check everything they receive and fault with a clear message
/// when something is wrong. Deterministic; a few milliseconds of virtual time.
/// </summary>
public static partial class IpcWorkload
{
    /// <summary>The name it is registered under.</summary>
    public const string Name = "ipc";

    /// <summary>What it does, for listings and the run's explanation.</summary>
    public const string Description =
        "A server and three clients talking through Mach IPC. The server task 'ipc' allocates a service port, sets its "
        + "queue limit to 2 and checks it in with the name server as 'adder' (netname_check_in through its bootstrap port), "
        + "then creates three client tasks (task_create) and serves. Each client looks 'adder' up (netname_look_up), asks for a "
        + "dead-name notification on it, sends the server a send right to a callback port of its own inside a message, makes "
        + "4 RPCs (add two numbers; mach_msg SEND|RCV on a reply port, the server answering through the send-once reply right "
        + "with one reply-and-receive mach_msg, so the CPU is handed off between them), then sends a burst of 6 one-way messages "
        + "that the server handles 1 ms each, so senders block on the full queue, and says goodbye. When every client has said "
        + "goodbye the server checks the counts and the order of what arrived, sends each client its count back on the right "
        + "it was given (moving the right back), checks the name out and destroys the service port. Each client receives its "
        + "count and then the dead-name notification, checks that its name for the service is now a dead name that cannot "
        + "be sent to, and cleans up; the server joins the clients and faults if any answer was wrong.";

    /// <summary>The name the service is checked in under.</summary>
    public const string ServiceName = "adder";

    /// <summary>Client tasks.</summary>
    public const int Clients = 3;

    /// <summary>RPCs each client makes.</summary>
    public const int Rpcs = 4;

    /// <summary>One-way messages each client sends in its burst.</summary>
    public const int Burst = 6;

    /// <summary>The service port's queue limit: small, so that bursts block their senders.</summary>
    public const int QueueLimit = 2;

    /// <summary>RPC: two INTEGER_32 addends, reply <see cref="AddReply"/> with their sum.</summary>
    public const int AddId = 1000;

    /// <summary>The reply to <see cref="AddId"/> (request id + 100, as MIG numbers replies).</summary>
    public const int AddReply = AddId + 100;

    /// <summary>One-way: the client's number and the note's number in its burst.</summary>
    public const int NoteId = 1001;

    /// <summary>One-way: the client's number and a send right to its callback port (MAKE_SEND).</summary>
    public const int RegisterId = 1002;

    /// <summary>One-way: the client's number; it sends nothing more.</summary>
    public const int ByeId = 1003;

    /// <summary>Server to client, on the callback right: how many notes arrived from that client.</summary>
    public const int CallbackId = 1004;

    /// <summary>What the server has seen of one client.</summary>
    private sealed class ClientRecord
    {
        public int Notes;
        public int Rpcs;
        public PortName Callback;
        public bool Gone;
    }

    /// <summary>The server (the task's main thread): checks in, starts the clients, serves, ends the service, joins the clients.</summary>
    public static async Task Run(MachEnv env, IReadOnlyList<string> args)
    {
        var (found, bootstrap) = await env.TaskGetSpecialPort(env.TaskSelf, SpecialPorts.Bootstrap);
        Expect(found, "task_get_special_port(BOOTSTRAP)");
        var service = await env.MachReplyPort();
        var signature = await env.MachReplyPort();
        Expect((await env.PortInsertRight(signature, signature, MsgType.MakeSend)).Result, "mach_port_insert_right(signature)");
        Expect((await env.PortSetQLimit(service, QueueLimit)).Result, "mach_port_set_qlimit");
        CheckNetname(await env.NetnameCheckIn(bootstrap, ServiceName, signature, service), "netname_check_in");

        var threads = new List<PortName>();
        for (var id = 1; id <= Clients; id++)
        {
            var client = id;
            var (created, task) = await env.TaskCreate(env.TaskSelf, Inv($"ipc-client-{client}"));
            Expect(created, "task_create ipc-client");
            threads.Add(await Start(env, task, e => ClientMain(e, client), Inv($"client-{client}"), SchedConstants.BasePriorityUser));
        }

        var records = await Serve(env, service);

        for (var id = 1; id <= Clients; id++)
        {
            var r = records[id];
            Check(r.Rpcs == Rpcs && r.Notes == Burst, Inv($"server: client {id} made {r.Rpcs} RPCs and sent {r.Notes} notes, expected {Rpcs} and {Burst}"));
            Check(r.Callback.IsValid, Inv($"server: client {id} never sent its callback right"));
            var back = new MachMessage(MsgHeader.To(r.Callback, MsgType.MoveSend, CallbackId), [new MsgItem.Int32(r.Notes)]);
            CheckSent(await env.Send(back), "server: callback");
        }
        CheckNetname(await env.NetnameCheckOut(bootstrap, ServiceName, signature), "netname_check_out");
        Expect((await env.PortDestroy(service)).Result, "mach_port_destroy(service)");
        Expect((await env.PortDestroy(signature)).Result, "mach_port_destroy(signature)");

        for (var i = 0; i < threads.Count; i++)
        {
            var joined = await env.CThreadJoin(threads[i]);
            Expect(joined.Result, "cthread_join client");
            Check(joined.Value is int n && n == i + 1, Inv($"client {i + 1} ended with {joined.Value ?? "nothing"}: it found a wrong answer"));
        }
    }

    /// <summary>
    /// Receives on <paramref name="service"/> until every client said goodbye: answers each RPC with a
    /// reply-and-receive mach_msg, computes 1 ms per note (checking each client's notes arrive in
    /// order), keeps each client's callback right. Returns what it saw, by client number.
    /// </summary>
    private static async Task<ClientRecord[]> Serve(MachEnv env, PortName service)
    {
        var records = Enumerable.Range(0, Clients + 1).Select(_ => new ClientRecord()).ToArray();
        var gone = 0;
        var got = await env.Receive(service);
        while (true)
        {
            CheckReceived(got, "server: receive");
            var m = got.Message!;
            var r = records[ClientOf(m)];
            MachMessage? reply = null;
            switch (m.Header.Id)
            {
                case AddId:
                    Check(m.Header.RemoteDisposition == MsgType.PortSendOnce, Inv($"server: RPC arrived with reply right {m.Header.RemoteDisposition}"));
                    r.Rpcs++;
                    reply = new MachMessage(MsgHeader.To(m.Header.Remote, MsgType.MoveSendOnce, AddReply), [new MsgItem.Int32(IntAt(m, 1) + IntAt(m, 2))]);
                    break;
                case NoteId:
                    Check(IntAt(m, 1) == r.Notes, Inv($"server: note {IntAt(m, 1)} arrived when {r.Notes} was next"));
                    r.Notes++;
                    await env.Compute(Cycles(env, 1));
                    break;
                case RegisterId:
                    Check(m.Body.Length == 2 && m.Body[1] is MsgItem.Port { Disposition: MsgType.PortSend } p && p.Name.IsValid,
                        "server: the register message carried no send right");
                    r.Callback = ((MsgItem.Port)m.Body[1]).Name;
                    break;
                case ByeId:
                    Check(!r.Gone, "server: a client said goodbye twice");
                    r.Gone = true;
                    gone++;
                    break;
                default:
                    throw new InvalidOperationException(Inv($"server: unexpected message id {m.Header.Id}"));
            }
            if (gone == Clients) return records;
            got = reply is null
                ? await env.Receive(service)
                : await env.MachMsg(reply, MachMsgOption.Send | MachMsgOption.Receive, receiveName: service);
        }
    }

    private static int ClientOf(MachMessage m)
    {
        var id = IntAt(m, 0);
        Check(id is >= 1 and <= Clients, Inv($"server: message {m.Header.Id} from unknown client {id}"));
        return id;
    }

    /// <summary>The INTEGER_32 at <paramref name="index"/> of <paramref name="m"/>'s body; throws when there is none.</summary>
    private static int IntAt(MachMessage m, int index) =>
        index < m.Body.Length && m.Body[index] is MsgItem.Int32 v
            ? v.Value
            : throw new InvalidOperationException(Inv($"message {m.Header.Id} has no integer at item {index}"));

    private static void CheckReceived(MachMsgResult got, string what) =>
        Check(got.Return == MachMsgReturn.Success && got.Message is not null, $"{what} returned {got.Return}");

    private static void CheckSent(MachMsgResult sent, string what) => Check(sent.Return == MachMsgReturn.Success, $"{what}: send returned {sent.Return}");

    private static void CheckNetname(NetnameReturn code, string what) => Check(code == NetnameReturn.Success, $"{what} returned {code}");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
