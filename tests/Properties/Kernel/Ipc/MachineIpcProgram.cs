using System.Collections.Immutable;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;
using MachActors.Tests.Properties.Actors.Dispatch;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>What one IPC machine run produced.</summary>
public sealed record IpcRunReport(RunOutcome Outcome, IReadOnlyList<IpcRunEvent> Log, IReadOnlyList<ThreadFaulted> Faults)
{
    /// <summary>The run finished: every thread ended, no program faulted.</summary>
    public IEnumerable<string> Liveness()
    {
        if (Outcome != RunOutcome.ConditionMet) yield return $"the threads did not all end: the run stopped with {Outcome}";
        foreach (var f in Faults) yield return $"a program faulted: {f}";
    }
}

/// <summary>
/// The programs of a <see cref="MachineIpcWorkload"/>, using only mach_msg, the mach_port_* calls and
/// calls on kernel ports by name. The server (the main thread of the first task) allocates the ports,
/// sets their qlimit, puts them in a set, registers [name server, distribution port, ports...] with
/// mach_ports_register, creates the client tasks (which inherit the registered ports) and the client
/// threads (suspended), resumes them, answers the distribution requests, then receives until it has
/// every client's last message on every port, computing a delay before each receive and, before every
/// PollEvery-th, reading each port's receive status and each client's thread_info run state.
/// Programs share only what the server writes before it creates the threads that read it.
/// </summary>
public sealed class MachineIpcProgram(MachineIpcWorkload workload, IpcRunLog log)
{
    private const int RequestId = 3100;
    private const int ReplyId = 3101;
    private const int DataId = 3200;

    private readonly IReadOnlyList<(int Task, RightsRoute Route, ClientMsg[] Msgs)> _threads = workload.Threads;
    private PortName[] _ports = [];

    /// <summary>Runs <paramref name="workload"/> on a booted machine in <paramref name="mode"/> until every thread ended.</summary>
    public static IpcRunReport Run(MachineIpcWorkload workload, RunMode mode)
    {
        var log = new IpcRunLog();
        using var system = mode.CreateSystem();
        var program = new MachineIpcProgram(workload, log);
        var machine = Machine.Boot(system, workload.Config, new ProgramRegistry().Register("main", program.Main), new SchedulerOptions());
        machine.StartTask("main");
        var outcome = WorkloadRun.RunUntilThreadsEnd(machine);
        return new IpcRunReport(outcome, log.Events, machine.Status.Faults);
    }

    /// <summary>The server: the main thread's program.</summary>
    public async Task Main(MachEnv env, IReadOnlyList<string> args)
    {
        var ports = new PortName[workload.Ports];
        for (var p = 0; p < ports.Length; p++)
        {
            ports[p] = await env.MachReplyPort();
            Expect((await env.PortSetQLimit(ports[p], workload.QLimit)).Result, "set_qlimit");
            Expect((await env.PortInsertRight(ports[p], ports[p], MsgType.MakeSend)).Result, "insert_right");
        }
        var receiveOn = ports[0];
        if (workload.ReceivesOnSet)
        {
            receiveOn = (await env.PortAllocate(PortRight.PortSet)).Name;
            foreach (var port in ports) Expect((await env.PortMoveMember(port, receiveOn)).Result, "move_member");
        }
        var distribution = await env.MachReplyPort();
        Expect((await env.PortInsertRight(distribution, distribution, MsgType.MakeSend)).Result, "insert_right");
        var (_, slots) = await env.MachPortsLookup(env.TaskSelf);
        Expect(await env.MachPortsRegister(env.TaskSelf, [slots[0], distribution, .. ports]), "mach_ports_register");
        _ports = ports;
        var tasks = new PortName[workload.Tasks.Length];
        for (var k = 0; k < tasks.Length; k++)
        {
            tasks[k] = workload.Tasks[k].Route == RightsRoute.Own ? env.TaskSelf : (await env.TaskCreate(env.TaskSelf, "client" + k)).Child;
        }
        var clients = new PortName[_threads.Count];
        for (var i = 0; i < clients.Length; i++) clients[i] = (await env.ThreadCreate(tasks[_threads[i].Task], Client(i), "c" + i)).Thread;
        foreach (var c in clients) Expect(await env.ThreadResume(c), "thread_resume");
        for (var asks = Enumerable.Range(0, clients.Length).Count(workload.NeedsDistribution); asks > 0; asks--) await Distribute(env, distribution);
        await Serve(env, receiveOn, clients);
    }

    /// <summary>Receives until every client's last message on every port arrived.</summary>
    private async Task Serve(MachEnv env, PortName receiveOn, PortName[] clients)
    {
        var lasts = clients.Length * _ports.Length;
        for (var i = 0; lasts > 0; i++)
        {
            var delay = workload.Delays[i % workload.Delays.Length];
            if (delay > 0) await env.Compute(delay);
            if (i % workload.PollEvery == 0) await Look(env, clients);
            var got = await env.Receive(receiveOn);
            if (got.Return != MachMsgReturn.Success || got.Message is not { Body.Length: 3 } m || m.Header.Id != DataId)
            {
                log.Violation($"server: receive returned {got.Return} {got.Message?.Header}");
                return;
            }
            var port = Array.IndexOf(_ports, m.Header.Local);
            var (thread, counter, kind) = (Int(m, 0), Int(m, 1), (SendKind)Int(m, 2));
            if (thread < 0 || thread >= _threads.Count || port < 0)
            {
                log.Violation($"server: a message it cannot place: {m.Header} t{thread} #{counter}");
                return;
            }
            log.Add(seq => new IpcRunEvent.Received(seq, port, m.Seqno, thread, counter, kind, m.Header.LocalDisposition == MsgType.PortSendOnce));
            if (counter == _threads[thread].Msgs.Length) lasts--;
        }
    }

    /// <summary>Reads every port's receive status, then every client's run state.</summary>
    private async Task Look(MachEnv env, PortName[] clients)
    {
        for (var p = 0; p < _ports.Length; p++)
        {
            var s = await env.PortGetReceiveStatus(_ports[p]);
            var port = p;
            log.Add(seq => new IpcRunEvent.Status(seq, port, s.Seqno, s.MsgCount, s.QLimit, s.BlockedSenders));
        }
        for (var i = 0; i < clients.Length; i++)
        {
            var thread = i;
            var asked = log.Add(seq => new IpcRunEvent.Asking(seq, thread));
            var (code, words) = await env.ThreadInfo(clients[i]);
            if (code == KernReturn.Success && words[InfoWords.ThreadBasicRunState] == (int)ThreadRunState.Waiting) log.Add(seq => new IpcRunEvent.Waiting(seq, thread, asked));
        }
    }

    /// <summary>Answers one distribution request: send rights (route Message) and one send-once right per send-once message, in order.</summary>
    private async Task Distribute(MachEnv env, PortName distribution)
    {
        var got = await env.Receive(distribution);
        if (got.Message is not { Body.Length: 1 } m || m.Header.Id != RequestId)
        {
            log.Violation($"server: distribution receive returned {got.Return}");
            return;
        }
        var (_, route, msgs) = _threads[Int(m, 0)];
        var body = ImmutableArray.CreateBuilder<MsgItem>();
        if (route == RightsRoute.Message) body.AddRange(_ports.Select(p => new MsgItem.Port(p, MsgType.MakeSend)));
        body.AddRange(msgs.Where(x => x.Kind == SendKind.SendOnce).Select(x => new MsgItem.Port(_ports[x.Port], MsgType.MakeSendOnce)));
        var sent = await env.Send(new MachMessage(new MsgHeader(m.Header.Remote, MsgType.MoveSendOnce, PortName.Null, MsgType.None, ReplyId), body.ToImmutable()));
        Expect(sent.Return == MachMsgReturn.Success ? KernReturn.Success : KernReturn.Failure, $"distribution reply {sent.Return}");
    }

    /// <summary>Client thread <paramref name="index"/>: gets its rights, sends its messages, then its last message to every port.</summary>
    private ThreadBody Client(int index) => async env =>
    {
        var (_, route, msgs) = _threads[index];
        var send = new PortName[_ports.Length];
        var once = new Queue<PortName>();
        if (route == RightsRoute.Own)
        {
            for (var p = 0; p < send.Length; p++)
            {
                Expect((await env.PortInsertRight(_ports[p], _ports[p], MsgType.MakeSend)).Result, "client insert_right");
                send[p] = _ports[p];
            }
        }
        else
        {
            var (_, slots) = await env.MachPortsLookup(env.TaskSelf);
            if (route == RightsRoute.Inherited) for (var p = 0; p < send.Length; p++) send[p] = slots[2 + p];
            if (workload.NeedsDistribution(index))
            {
                var reply = await env.MachReplyPort();
                var got = await env.Rpc(new MachMessage(new MsgHeader(slots[1], MsgType.CopySend, reply, MsgType.MakeSendOnce, RequestId), [new MsgItem.Int32(index)]), reply);
                var rights = got.Message?.Body.OfType<MsgItem.Port>().Select(x => x.Name).ToArray() ?? [];
                var skip = route == RightsRoute.Message ? send.Length : 0;
                for (var p = 0; p < skip && p < rights.Length; p++) send[p] = rights[p];
                foreach (var r in rights.Skip(skip)) once.Enqueue(r);
            }
        }
        log.Add(seq => new IpcRunEvent.Ready(seq, index));
        for (var k = 0; k < msgs.Length; k++) await SendOne(env, index, k, msgs[k], send, once);
        for (var p = 0; p < send.Length; p++) await SendOne(env, index, msgs.Length, new ClientMsg(p, SendKind.Blocking, 0, 0), send, once);
        return null;
    };

    private async Task SendOne(MachEnv env, int thread, int counter, ClientMsg msg, PortName[] send, Queue<PortName> once)
    {
        if (msg.Cycles > 0) await env.Compute(msg.Cycles);
        var (name, disposition) = msg.Kind != SendKind.SendOnce ? (send[msg.Port], MsgType.CopySend)
            : _threads[thread].Route == RightsRoute.Own ? (_ports[msg.Port], MsgType.MakeSendOnce)
            : (once.Count > 0 ? once.Dequeue() : PortName.Null, MsgType.MoveSendOnce);
        var message = new MachMessage(MsgHeader.To(name, disposition, DataId), [new MsgItem.Int32(thread), new MsgItem.Int32(counter), new MsgItem.Int32((int)msg.Kind)]);
        Duration? timeout = msg.Kind switch { SendKind.Poll => Duration.Zero, SendKind.Timed => Duration.FromMicroseconds(msg.TimeoutUs), _ => null };
        log.Add(seq => new IpcRunEvent.SendStart(seq, thread, counter, msg.Port, msg.Kind));
        var result = await env.Send(message, timeout);
        log.Add(seq => new IpcRunEvent.SendDone(seq, thread, counter, msg.Port, result.Return));
    }

    private static int Int(MachMessage m, int i) => m.Body[i] is MsgItem.Int32 x ? x.Value : -1;

    private void Expect(KernReturn code, string what)
    {
        if (code != KernReturn.Success) log.Violation($"{what} returned {code}");
    }
}
