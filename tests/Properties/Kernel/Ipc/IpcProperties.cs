using FsCheck.Fluent;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>
/// Issue 4's IPC properties on the state classes driven directly (<see cref="IpcHarness"/>): generated
/// scripts of 2-4 tasks allocating, deallocating, destroying, mod_refs-ing (huge and negative deltas),
/// inserting and extracting rights across tasks, sending messages that carry rights with every
/// disposition, receiving (polls and waits, some with a nonzero timeout), moving receive rights, setting
/// qlimits, requesting dead-name and no-senders notifications, and interrupting waits (thread_abort of a
/// blocked send or receive, a timer firing, also a stale one; at rest or racing the previous operation); adversarial picks (forged names, names of other tasks,
/// consumed names, dispositions the name does not support) are about 20-40% of the picks. Each
/// operation is checked against <see cref="IpcModel"/> and the global invariants; each property
/// leans its script toward what it is about and reports its own violations (and the general ones).
/// Budget: 1,150 scripts per property, 2,500 for 5 and 8 (12,550 per run, about 10 s); FSCHECK_MAXTEST=N sets N per property.
/// </summary>
public class IpcProperties
{
    /// <summary>Scripts per property in CI.</summary>
    public const int Budget = 1150;

    /// <summary>Runs a script; the harness holds what it saw.</summary>
    internal static IpcHarness Run(IpcScript script)
    {
        var harness = new IpcHarness(script.Tasks, script.Seed);
        for (var i = 0; i < script.Ops.Length; i++)
        {
            if (i + 1 < script.Ops.Length && script.Ops[i + 1] is IpcOp.Interrupt { Early: true } early) harness.Apply(script.Ops[i], i++, early);
            else harness.Apply(script.Ops[i], i);
        }
        return harness;
    }

    /// <summary>Scripts for properties 5 and 8, whose violations need longer histories (a request, then a death; two senders blocked on one port).</summary>
    public const int LongBudget = 2500;

    private static void Check(int property, IpcMix mix, int budget = Budget) =>
        PropCheck.Check(Prop.ForAll(IpcScript.Arbitrary(mix), script => KernelChecks.AssertNone(Run(script).ViolationsOf(property), script)), maxTest: budget);

    [Fact] // 1150 scripts, rights mix, direct harness, generated delivery seeds
    public void P1_SendOnlyThroughARightCreatedOrReceived() => Check(1, IpcMix.Rights);

    [Fact] // 1150 scripts, default mix
    public void P2_APortHasAtMostOneReceiveRight() => Check(2, IpcMix.Default);

    [Fact] // 1150 scripts, rights mix
    public void P3_ASendOnceRightDeliversAtMostOnceThenIsGone() => Check(3, IpcMix.Rights);

    [Fact] // 1150 scripts, rights mix
    public void P4_MovingAReceiveRightRemovesItFromTheSender() => Check(4, IpcMix.Rights);

    [Fact] // 2500 scripts, deaths mix (about 1.5 s)
    public void P5_ADestroyedReceiveRightLeavesDeadNamesAndNotifications() => Check(5, IpcMix.Deaths, LongBudget);

    [Fact] // 1150 scripts, queues mix
    public void P6_OneThreadsMessagesArriveInOrderWithConsecutiveSeqnos() => Check(6, IpcMix.Queues);

    [Fact] // 1150 scripts, queues mix
    public void P7_NormalSendsNeverQueuePastTheQLimit() => Check(7, IpcMix.Queues);

    [Fact] // 2500 scripts, queues mix (about 2 s)
    public void P8_BlockedSendersResumeInFifoOrder() => Check(8, IpcMix.Queues, LongBudget);

    [Fact] // 1150 scripts, urefs mix
    public void P9_UrefsNeverGoNegativeOrPastTheLimit() => Check(9, IpcMix.Urefs);
}
