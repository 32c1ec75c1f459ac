using MachActors.Kernel.Ipc;
using E = MachActors.Tests.Properties.Kernel.Ipc.IpcRunEvent;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>
/// The machine-level IPC checkers are not blind: each is fed a hand-made log that breaks its property
/// and must flag it, next to the good case. (The seeded kernel bugs each property catches are listed on
/// <see cref="MachineIpcProperties"/>.)
/// </summary>
public class MachineIpcChecksTests
{
    private static E.SendStart Start(long seq, int thread, int counter, SendKind kind = SendKind.Blocking, int port = 0) => new(seq, thread, counter, port, kind);

    private static E.SendDone Done(long seq, int thread, int counter, MachMsgReturn result = MachMsgReturn.Success, int port = 0) => new(seq, thread, counter, port, result);

    private static E.Received Got(long seq, long seqno, int thread, int counter, bool once = false, int port = 0) =>
        new(seq, port, seqno, thread, counter, once ? SendKind.SendOnce : SendKind.Blocking, once);

    [Fact]
    public void Delivery_LostDuplicatedOrWrongCode_Flagged()
    {
        Assert.Empty(MachineIpcChecks.Delivery([Start(1, 0, 0), Done(2, 0, 0), Got(3, 0, 0, 0), Start(4, 0, 1, SendKind.Poll), Done(5, 0, 1, MachMsgReturn.SendTimedOut)]));
        Assert.Single(MachineIpcChecks.Delivery([Start(1, 0, 0), Done(2, 0, 0)]));
        Assert.Single(MachineIpcChecks.Delivery([Start(1, 0, 0), Done(2, 0, 0), Got(3, 0, 0, 0), Got(4, 1, 0, 0)]));
        Assert.Single(MachineIpcChecks.Delivery([Start(1, 0, 0, SendKind.Poll), Done(2, 0, 0, MachMsgReturn.SendTimedOut), Got(3, 0, 0, 0)]));
        Assert.Single(MachineIpcChecks.Delivery([Start(1, 0, 0), Done(2, 0, 0, MachMsgReturn.SendTimedOut)]));
        Assert.Single(MachineIpcChecks.Delivery([Got(1, 0, 5, 5)]));
        Assert.Single(MachineIpcChecks.Delivery([Start(1, 0, 0), Done(2, 0, 0), Got(3, 0, 0, 0, once: true)]));
    }

    [Fact]
    public void SeqnosAndSendOrder_GapOrSwap_Flagged()
    {
        Assert.Empty(MachineIpcChecks.SeqnosAndSendOrder([Got(1, 0, 0, 0), Got(2, 1, 1, 0), Got(3, 2, 0, 1), Got(4, 0, 0, 2, port: 1)]));
        Assert.Single(MachineIpcChecks.SeqnosAndSendOrder([Got(1, 0, 0, 0), Got(2, 2, 1, 0)]));
        Assert.Single(MachineIpcChecks.SeqnosAndSendOrder([Got(1, 0, 0, 1), Got(2, 1, 0, 0)]));
        Assert.Single(MachineIpcChecks.SeqnosAndSendOrder([Got(1, 0, 0, 0), Got(2, 0, 0, 1)]));
    }

    [Fact]
    public void QueueLimit_NormalPastTheLimitOrBlockedWithRoom_Flagged()
    {
        var received = new E[] { Got(10, 0, 0, 0), Got(11, 1, 1, 0), Got(12, 2, 2, 0, once: true), Got(13, 3, 3, 0) };
        Assert.Empty(MachineIpcChecks.QueueLimit([new E.Status(1, 0, 0, 3, 2, 1), .. received], 2)); // normal, normal, send-once past the limit: allowed
        Assert.Single(MachineIpcChecks.QueueLimit([new E.Status(1, 0, 0, 4, 2, 0), .. received], 2));
        Assert.Single(MachineIpcChecks.QueueLimit([new E.Status(1, 0, 0, 1, 2, 1), .. received], 2));
        Assert.Single(MachineIpcChecks.QueueLimit([new E.Status(1, 0, 0, 2, 3, 0), .. received], 2));
        Assert.Single(MachineIpcChecks.QueueLimit([new E.Status(1, 0, 3, 2, 2, 0), .. received], 2)); // seqno 4 never received
    }

    [Fact]
    public void BlockedSendersFifo_LaterSenderQueuedFirst_Flagged()
    {
        // t0 starts #0, is asked about at #2 and seen waiting at #3; t1 starts #0 to the same port after that.
        E[] Log(long seqno0, long seqno1, SendKind kind = SendKind.Blocking) =>
            [Start(1, 0, 0, kind), new E.Asking(2, 0), new E.Waiting(3, 0, 2), Start(4, 1, 0), Got(5, seqno0, 0, 0), Got(6, seqno1, 1, 0)];
        Assert.Empty(MachineIpcChecks.BlockedSendersFifo(Log(0, 1)));
        Assert.Single(MachineIpcChecks.BlockedSendersFifo(Log(1, 0)));
        Assert.Contains(MachineIpcChecks.BlockedSendersFifo(Log(0, 1, SendKind.Poll)), v => v.Contains("must not block", StringComparison.Ordinal));
        // Not usable: t1 started before the answer; t0's send had returned; t0 started its send after the question.
        Assert.Empty(MachineIpcChecks.BlockedSendersFifo([Start(1, 0, 0), Start(2, 1, 0), new E.Asking(3, 0), new E.Waiting(4, 0, 3), Got(5, 1, 0, 0), Got(6, 0, 1, 0)]));
        Assert.Empty(MachineIpcChecks.BlockedSendersFifo([Start(1, 0, 0), Done(2, 0, 0), new E.Asking(3, 0), new E.Waiting(4, 0, 3), Start(5, 1, 0), Got(6, 1, 0, 0), Got(7, 0, 1, 0)]));
        Assert.Empty(MachineIpcChecks.BlockedSendersFifo([new E.Asking(1, 0), Start(2, 0, 0, SendKind.Poll), new E.Waiting(3, 0, 1), Start(4, 1, 0), Got(5, 1, 0, 0), Got(6, 0, 1, 0)]));
    }
}
