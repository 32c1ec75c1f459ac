using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;

namespace MachActors.Scenarios.Ipc;

/// <summary>
/// A receive right moved in a message while other threads keep sending to its port. The mover task
/// makes a port (queue limit 16), a holder task (task_create) with an inbox whose receive right it
/// inserts there, and two sender threads on the two CPUs that send <see cref="Sends"/> numbered
/// messages each; meanwhile its main thread sends the port's receive right (MOVE_RECEIVE) to the
/// inbox. The holder's thread receives the right and then every message on it. Checks: every
/// message sent is received by the new holder exactly once (none lost, none duplicated), each
/// sender's in its order, with seqnos 0, 1, 2, ... (they restart when the right arrives and nothing
/// was dequeued before); every send and the move return Success; message accounting (drained: every
/// message ends received) and capability safety monitors.
/// </summary>
public class ReceiveRightMovedScenario : MachineScenario
{
    /// <summary>Sender threads.</summary>
    public const int Senders = 2;

    /// <summary>Messages each sender sends.</summary>
    public const int Sends = 8;

    /// <summary>The name the inbox's receive right gets in the holder's space.</summary>
    public static readonly PortName InboxInHolder = new(0x7100);

    private const int MessageId = 600;

    /// <summary>Cycles the mover computes after forking the senders before it moves the right (parameter <c>move-after</c>).</summary>
    public const long MoveAfter = 1_000;

    /// <inheritdoc />
    public override string Name => "ipc-receive-right-moved";

    /// <inheritdoc />
    public override string Description => "a receive right moved to another task in a message while two threads keep sending to its port";

    /// <summary>Every message is received: the accounting monitor treats one left on a live port as lost.</summary>
    protected override bool DrainsMessages => true;

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var moveAfter = run.Context.Parameters.TryGetValue("move-after", out var text) ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : MoveAfter;
        var received = new List<(int Sender, int Counter, long Seqno)>();
        var codes = new List<MachMsgReturn>();
        MachMsgReturn? moved = null;
        string? failed = null;
        run.Start("mover", async env =>
        {
            var port = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            await env.PortSetQLimit(port, 16);
            var (inserted, inbox, holderTask) = await IpcPrograms.ReceiveRightInNewTask(env, "holder", InboxInHolder);
            var (started, holder) = await env.ThreadCreate(holderTask, e => Holder(e, received), "holder");
            if (inserted != KernReturn.Success || started != KernReturn.Success)
            {
                failed = $"setup failed: insert {inserted}, thread_create {started}";
                return;
            }
            await env.ThreadResume(holder);
            var senders = new List<PortName>();
            for (var s = 0; s < Senders; s++)
            {
                var who = s;
                senders.Add(await env.CThreadFork(e => Sender(e, port, who, codes), "sender-" + s));
            }
            await env.Compute(moveAfter); // the senders are under way on both CPUs
            moved = (await env.Send(new MachMessage(MsgHeader.To(inbox, MsgType.CopySend, MessageId), [new MsgItem.Port(port, MsgType.MoveReceive)]))).Return;
            foreach (var s in senders) await env.CThreadJoin(s);
        });
        return () => failed ?? Judge(received, codes, moved) ?? NoFault(run);
    }

    private static async Task<object?> Sender(MachEnv env, PortName port, int who, List<MachMsgReturn> codes)
    {
        for (var i = 0; i < Sends; i++)
        {
            codes.Add((await env.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, 100 + who), [new MsgItem.Int32(who), new MsgItem.Int32(i)]))).Return);
        }
        return null;
    }

    /// <summary>The holder's thread: the receive right from the inbox, then every message on it (giving up after 200 ms without one).</summary>
    private static async Task<object?> Holder(MachEnv env, List<(int, int, long)> received)
    {
        var got = await env.Receive(InboxInHolder);
        if (got.Message?.Body.FirstOrDefault() is not MsgItem.Port { Disposition: MsgType.PortReceive } right) return null;
        for (var n = 0; n < Senders * Sends; n++)
        {
            var m = await env.Receive(right.Name, Duration.FromMilliseconds(200));
            if (m.Return != MachMsgReturn.Success || m.Message is null) break;
            if (m.Message.Body is [MsgItem.Int32 s, MsgItem.Int32 c]) received.Add((s.Value, c.Value, m.Message.Seqno));
        }
        return null;
    }

    private static string? Judge(List<(int Sender, int Counter, long Seqno)> received, List<MachMsgReturn> codes, MachMsgReturn? moved)
    {
        if (moved != MachMsgReturn.Success) return $"the move returned {moved?.ToString() ?? "nothing"}";
        if (codes.Count != Senders * Sends || codes.Any(c => c != MachMsgReturn.Success)) return $"sends returned {string.Join(", ", codes)}";
        var seen = string.Join(" ", received.Select(r => $"{r.Sender}.{r.Counter}@{r.Seqno}"));
        if (received.Count != Senders * Sends) return $"the new holder received {received.Count} of {Senders * Sends} messages: {seen}";
        if (received.Distinct().Count() != received.Count) return $"a message was received twice: {seen}";
        for (var i = 0; i < received.Count; i++)
        {
            if (received[i].Seqno != i) return $"seqnos do not run 0, 1, 2, ... after the move: {seen}";
        }
        for (var s = 0; s < Senders; s++)
        {
            var order = received.Where(r => r.Sender == s).Select(r => r.Counter).ToList();
            if (!order.SequenceEqual(Enumerable.Range(0, Sends))) return $"sender {s}'s messages arrived as {string.Join(", ", order)}: {seen}";
        }
        return null;
    }
}
