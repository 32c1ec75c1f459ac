using MachActors.Kernel.Ipc;
using E = MachActors.Tests.Properties.Kernel.Ipc.IpcEvent;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>
/// The IPC checkers are not blind: each is fed a state or log that breaks its property (kernel state
/// tampered with behind the model's back, or a hand-made log) and must flag it, next to the good case.
/// </summary>
/// <remarks>
/// Seeded bugs (put in src by hand, one at a time, then reverted), each caught by its own property
/// within its CI budget (cases to the first failure over several runs):
/// (1) COPY_SEND accepted from a receive-only name: 2 cases. (2) a receive right arriving under a fresh
/// name does not tell its port: 4. (3) MOVE_SEND_ONCE leaves the name in place: 36. (4) MOVE_RECEIVE
/// tells the port but keeps the right in the space: 3. (5) no dead-name notification at port death:
/// 28-970 (budget 2,500). (6) seqnos stamped from 1: 1. (7) the qlimit test off by one (&gt; for &gt;=): 2.
/// (8) blocked senders admitted LIFO: 15-458 (budget 2,500). (9) mod_refs without the UREFS_MAX check: 8.
/// With timed waits and interrupts (thread_abort of blocked sends and receives, timers firing, early or
/// at rest): (10) a blocked sender that times out or is aborted stays in line (ReturnSender without the
/// removal): P6, P7 and P8 each within 65-662 cases.
/// </remarks>
public class IpcChecksTests
{
    private static readonly NamePick First = new(PickKind.Held, 0);

    /// <summary>Two tasks; T0 holds a receive right (with a send right under the same name); T1 a send right to it.</summary>
    private static (IpcHarness Harness, PortName Name, long Port) Setup()
    {
        var h = new IpcHarness(2, 1);
        h.Apply(new IpcOp.Allocate(0, PortRight.Receive), 0);
        h.Apply(new IpcOp.Insert(0, 0, First, MsgType.MakeSend, SameName: true, 0), 1);
        h.Apply(new IpcOp.Insert(0, 1, First, MsgType.MakeSend, SameName: true, 0), 2);
        var name = h.SpaceOf(0).Names()[0].Name;
        Assert.Empty(h.Violations);
        return (h, name, h.SpaceOf(0).PortOf(name)!.Id);
    }

    private static IEnumerable<int> Flagged(IpcHarness h) => h.Violations.Select(v => v.Property);

    [Fact]
    public void Reconcile_RightThatWasNeverGranted_Flagged1()
    {
        var h = new IpcHarness(2, 1);
        h.Apply(new IpcOp.Allocate(0, PortRight.Receive), 0);
        var port = h.SpaceOf(0).PortOf(h.SpaceOf(0).Names()[0].Name)!;
        h.SpaceOf(1).CopyoutRight(CarriedRight.Send(port)); // a right that came from nowhere
        h.CheckNow();
        Assert.Contains(1, Flagged(h));
    }

    [Fact]
    public void Reconcile_SecondReceiveRight_Flagged2()
    {
        var (h, name, _) = Setup();
        h.SpaceOf(1).CopyoutRight(CarriedRight.Receive(h.SpaceOf(0).PortOf(name)!));
        h.CheckNow();
        Assert.Contains(2, Flagged(h));
    }

    [Fact]
    public void Reconcile_SendOnceNameKeptAfterItsMessage_Flagged3()
    {
        var h = new IpcHarness(2, 1);
        h.Apply(new IpcOp.Allocate(0, PortRight.Receive), 0);
        h.Apply(new IpcOp.Extract(0, 0, First, MsgType.MakeSendOnce), 1);
        var once = h.SpaceOf(0).Names().Single(n => n.Type == PortType.SendOnce).Name;
        h.Model.CopyinChecked(h.Model.Tasks[0], once, MsgType.MoveSendOnce); // the model sent through it; the kernel still has it
        h.CheckNow();
        Assert.Contains(3, Flagged(h));
    }

    [Fact]
    public void Reconcile_ReceiveRightStillThereAfterTheMove_Flagged4()
    {
        var (h, name, _) = Setup();
        h.Model.CopyinChecked(h.Model.Tasks[0], name, MsgType.MoveReceive);
        h.CheckNow();
        Assert.Contains(4, Flagged(h));
    }

    [Fact]
    public void Reconcile_SendRightLeftLiveAfterDeath_Flagged5()
    {
        var (h, _, port) = Setup();
        h.PortOf(port).DestroyReceive();
        h.PortOf(port).TakeEffects(); // the spaces never hear of it
        h.CheckNow();
        Assert.Contains(5, Flagged(h));
    }

    [Fact]
    public void Reconcile_UrefsOutOfRange_Flagged9()
    {
        var (h, name, _) = Setup();
        h.SpaceOf(0).Lookup(name)!.Urefs = IpcLimits.UrefsMax + 1;
        h.CheckNow();
        Assert.Contains(9, Flagged(h));
        var (clean, _, _) = Setup();
        clean.CheckNow();
        Assert.Empty(clean.Violations);
    }

    [Fact]
    public void SendOrderAndSeqnos_GapSwapOrMissedReset_Flagged6()
    {
        Assert.Empty(IpcChecks.SendOrderAndSeqnos([new E.Dequeued(1, 0, 7, 1), new E.Dequeued(1, 1, 7, 2), new E.ReceiveArrived(1), new E.Dequeued(1, 0, 7, 5)]));
        Assert.Single(IpcChecks.SendOrderAndSeqnos([new E.Dequeued(1, 0, 7, 1), new E.Dequeued(1, 2, 8, 1)]));
        Assert.Single(IpcChecks.SendOrderAndSeqnos([new E.Dequeued(1, 0, 7, 2), new E.Dequeued(1, 1, 7, 1)]));
        Assert.Single(IpcChecks.SendOrderAndSeqnos([new E.Dequeued(1, 0, 7, 1), new E.ReceiveArrived(1), new E.Dequeued(1, 1, 8, 1)]));
    }

    [Fact]
    public void QueueLimit_NormalSendPastTheLimit_Flagged7()
    {
        Assert.Empty(IpcChecks.QueueLimit([new E.NormalQueued(1, 5, 5)]));
        Assert.Single(IpcChecks.QueueLimit([new E.NormalQueued(1, 6, 5)]));
    }

    [Fact]
    public void BlockedSendersFifo_YoungerSenderFirst_Flagged8()
    {
        Assert.Empty(IpcChecks.BlockedSendersFifo([new E.SenderBlocked(1, 7), new E.SenderBlocked(1, 8), new E.SenderResumed(1, 7), new E.SenderResumed(1, 8)]));
        Assert.Single(IpcChecks.BlockedSendersFifo([new E.SenderBlocked(1, 7), new E.SenderBlocked(1, 8), new E.SenderResumed(1, 8), new E.SenderResumed(1, 7)]));
        Assert.Single(IpcChecks.BlockedSendersFifo([new E.SenderResumed(1, 7)]));
        Assert.Empty(IpcChecks.BlockedSendersFifo([new E.SenderBlocked(1, 7), new E.SenderBlocked(1, 8), new E.SenderGaveUp(1, 7), new E.SenderResumed(1, 8)]));
    }

    [Fact]
    public void Interrupt_AbortedSendAndReceive_EndInterruptedAndLeaveTheLine()
    {
        var (h, _, port) = Setup();
        h.Apply(new IpcOp.SetQLimit(0, First, 1), 3);
        var send = new IpcOp.Send(1, 0, First, MsgType.CopySend, default, MsgType.None, default, MsgType.None, Block: true);
        h.Apply(send, 4); // queued
        h.Apply(send, 5); // blocks: the queue is full
        h.Apply(new IpcOp.Interrupt(1, 0, Abort: true, Early: false), 6);
        h.Apply(new IpcOp.Receive(0, 1, First, Block: true), 7);
        h.Apply(new IpcOp.Receive(0, 1, First, Block: true, Timed: true), 8); // waits, with a timer
        h.Apply(new IpcOp.Interrupt(0, 1, Abort: true, Early: false), 9);
        h.Apply(new IpcOp.Interrupt(0, 1, Abort: false, Early: false), 10); // the cancelled timer fires: ignored
        Assert.Empty(h.Violations);
        Assert.Equal(2, h.Interrupts["abort"]);
        Assert.Equal(1, h.Interrupts["stale timer"]);
        Assert.Equal([new E.SenderBlocked(port, h.Log.OfType<E.SenderBlocked>().Single().Thread), new E.SenderGaveUp(port, h.Log.OfType<E.SenderBlocked>().Single().Thread)],
            h.Log.Where(e => e is E.SenderBlocked or E.SenderGaveUp or E.SenderResumed));
    }
}
