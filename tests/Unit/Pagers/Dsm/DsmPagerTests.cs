using System.Buffers.Binary;
using MachActors.Kernel;
using MachActors.Kernel.User;
using MachActors.Pagers.Dsm;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Pagers.Dsm;

/// <summary>The DSM pager on whole machines: two nodes (two memory objects of one segment) see each other's writes, with never two writers at once.</summary>
public sealed class DsmPagerTests
{
    private const long Segment = 1;
    private const int Rounds = 4;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static byte[] Word(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static async Task<int> ReadWord(MachEnv env, ulong at) => BinaryPrimitives.ReadInt32LittleEndian(await env.Mem.Read(at, 4));

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void TwoNodes_TakingTurnsOnACounter_EachSeesTheOthersWritesWithOneWriterAtATime(DispatcherKind dispatcher)
    {
        var audit = new CoherenceAudit();
        long[] nodes = [DsmPager.KeyFor(Segment, 0), DsmPager.KeyFor(Segment, 1)];
        using var m = new PagerMachine(dispatcher, size => new DsmPager(size, audit), null, nodes);
        var turn = 0;
        var seen = new List<int>[] { [], [] };
        for (var who = 0; who < 2; who++)
        {
            var me = who;
            m.Kit.Start(async env =>
            {
                var at = await PagerMachine.Map(env, 2, nodes[me]);
                for (var r = 0; r < Rounds; r++)
                {
                    while (Volatile.Read(ref turn) != me) await env.Compute(MachineKit.CyclesPerMs / 20);
                    var counter = await ReadWord(env, at);
                    seen[me].Add(counter);
                    await env.Mem.Write(at, Word(counter + 1));
                    await env.Mem.Write(at + (ulong)env.Machine.PageSize + (ulong)(4 * me), Word(r + 1)); // page 1: each node its own word
                    Volatile.Write(ref turn, 1 - me);
                }
            }, "node" + me);
        }
        m.RunToEnd();

        Assert.Equal([0, 2, 4, 6], seen[0]); // node 0 sees node 1's increments
        Assert.Equal([1, 3, 5, 7], seen[1]); // and node 1 node 0's
        Assert.Empty(m.Kit.Machine.Status.Faults);
        var stats = m.Ask<DsmPagerStats>(GetDsmPagerStats.Instance);
        Assert.Equal(0, stats.Violations);
        Assert.Null(stats.FirstViolation);
        Assert.Equal(1, stats.MostWriters);
        Assert.True(stats.Revocations >= 2 * Rounds, stats.ToString()); // ownership moved between the nodes every turn
        Assert.True(stats.Grants > 0, stats.ToString()); // reads then writes: data_unlock answered with a grant
        Assert.Equal(2, stats.Nodes);
        m.Kit.AssertNoActorFailures();
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void TwoNodes_ThenBothUnmap_ThePagersCopyHoldsBothNodesWritesForANewMapping(DispatcherKind dispatcher)
    {
        long[] nodes = [DsmPager.KeyFor(Segment, 0), DsmPager.KeyFor(Segment, 1)];
        using var m = new PagerMachine(dispatcher, size => new DsmPager(size), null, nodes);
        var done = 0;
        var after = Array.Empty<byte>();
        for (var who = 0; who < 2; who++)
        {
            var me = who;
            m.Kit.Start(async env =>
            {
                var at = await PagerMachine.Map(env, 1, nodes[me]);
                await env.Mem.Write(at + (ulong)(8 * me), Word(100 + me));
                Assert.Equal(KernReturn.Success, await env.VmDeallocate(env.TaskSelf, at, (ulong)env.Machine.PageSize));
                if (Interlocked.Increment(ref done) < 2) return;
                await MachineKit.ComputeMs(env, 5);
                var again = await PagerMachine.Map(env, 1, nodes[1 - me]);
                after = await env.Mem.Read(again, 16);
            }, "node" + me);
        }
        m.RunToEnd();

        Assert.Equal([.. Word(100), 0, 0, 0, 0, .. Word(101), 0, 0, 0, 0], after);
        Assert.Empty(m.Kit.Machine.Status.Faults);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void OneNodePerSegment_SmallKeys_AreIndependentObjects(DispatcherKind dispatcher)
    {
        using var m = new PagerMachine(dispatcher, size => new DsmPager(size), null, 1, 2);
        byte[] one = [], two = [];
        m.Kit.Start(async env =>
        {
            var a = await PagerMachine.Map(env, 1, key: 1);
            var b = await PagerMachine.Map(env, 1, key: 2);
            await env.Mem.Write(a, Word(11));
            two = await env.Mem.Read(b, 4); // not segment 1's page
            await env.Mem.Write(b, Word(22));
            one = await env.Mem.Read(a, 4);
        });
        m.RunToEnd();

        Assert.Equal(Word(11), one);
        Assert.Equal(new byte[4], two);
        var stats = m.Ask<DsmPagerStats>(GetDsmPagerStats.Instance);
        Assert.Equal(0, stats.Revocations);
    }

    [Fact]
    public void KeyFor_SegmentAndNode_RoundTrip()
    {
        var key = DsmPager.KeyFor(7, 3);

        Assert.Equal((7L, 3), (DsmPager.SegmentOf(key), DsmPager.NodeOf(key)));
        Assert.Equal(5, DsmPager.KeyFor(5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DsmPager.KeyFor(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DsmPager.KeyFor(1, -1));
    }
}
