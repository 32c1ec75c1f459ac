using System.Collections.Concurrent;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;

namespace MachActors.Scenarios.Ipc;

/// <summary>
/// A port destroyed with blocked senders: a task makes a port with a queue limit of one and two
/// threads on the two CPUs send three messages each to it, so senders block on the full queue; the
/// main thread then destroys the receive right. Checks: every thread ends (no sender stays blocked:
/// liveness), every send returns Success (queued before the destruction) or MACH_SEND_INVALID_DEST,
/// and once one send of a thread failed none of its later ones succeeded.
/// </summary>
public class PortDestroyedScenario : MachineScenario
{
    /// <summary>Messages each sender sends.</summary>
    public const int Sends = 3;

    /// <inheritdoc />
    public override string Name => "ipc-port-destroyed";

    /// <inheritdoc />
    public override string Description => "a port with a full queue is destroyed while two senders are blocked on it";

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var results = new ConcurrentDictionary<string, List<MachMsgReturn>>();
        run.Start("port-owner", async env =>
        {
            var port = await env.MachReplyPort();
            await env.PortInsertRight(port, port, MsgType.MakeSend);
            await env.PortSetQLimit(port, 1);
            async Task<object?> Sender(MachEnv e, string who)
            {
                var codes = results.GetOrAdd(who, _ => []);
                for (var i = 0; i < Sends; i++) codes.Add((await e.Send(new MachMessage(MsgHeader.To(port, MsgType.CopySend, 100 + i), [new MsgItem.Int32(i)]))).Return);
                return null;
            }
            var a = await env.CThreadFork(e => Sender(e, "a"), "sender-a");
            var b = await env.CThreadFork(e => Sender(e, "b"), "sender-b");
            await env.Compute(50_000); // 2 ms: both senders fill the queue and block
            await env.PortDestroy(port);
            await env.CThreadJoin(a);
            await env.CThreadJoin(b);
        });
        return () =>
        {
            if (results.Count != 2) return $"{results.Count} of 2 senders ran";
            foreach (var (who, codes) in results)
            {
                if (codes.Count != Sends) return $"sender {who} finished {codes.Count} of {Sends} sends";
                if (codes.Any(c => c is not (MachMsgReturn.Success or MachMsgReturn.SendInvalidDest))) return $"sender {who} got {string.Join(", ", codes)}";
                var failed = codes.IndexOf(MachMsgReturn.SendInvalidDest);
                if (failed >= 0 && codes.Skip(failed).Any(c => c == MachMsgReturn.Success)) return $"sender {who} sent successfully after its send failed on the dead port: {string.Join(", ", codes)}";
            }
            return results.Values.All(c => c.All(r => r == MachMsgReturn.Success)) ? "no send was ever blocked: the scenario did not test its race" : NoFault(run);
        };
    }
}
