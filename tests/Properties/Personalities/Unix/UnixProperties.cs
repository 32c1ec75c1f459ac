using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using MachActors.Personalities.Unix;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Personalities.Unix;

/// <summary>
/// The UNIX server's three promises (docs/UNIX.md, "Tests"), each on whole machines under generated
/// schedules: fork isolation, pipe data in order and complete with EOF, and wait reporting each child
/// exactly once. Budgets: 25 controlled cases and 8 parallel cases per property (each case one machine
/// run, a few ms of CPU: about 2 s per property); each seeded bug (a test-only server variant) is found
/// within 10 controlled cases.
/// </summary>
public class UnixProperties
{
    /// <summary>Bytes written after the fork: (offset in a page, value 1..255) each, parent's and child's.</summary>
    public sealed record ForkScript(byte[] Before, (int Offset, byte Value)[] Parent, (int Offset, byte Value)[] Child)
    {
        /// <inheritdoc />
        public override string ToString() => $"before {Before.Length} bytes, parent {string.Join(",", Parent)}, child {string.Join(",", Child)}";
    }

    private const int Size = 256;

    private static Gen<(int, byte)[]> Writes => Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(
        from offset in Gen.Choose(0, Size - 1)
        from value in Gen.Choose(1, 255)
        select (offset, (byte)value), n));

    private static Arbitrary<ForkScript> ForkScripts => Arb.From(
        from before in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), Size)
        from parent in Writes
        from child in Writes
        select new ForkScript(before, parent, child));

    private static byte[] Apply(byte[] before, (int Offset, byte Value)[] writes)
    {
        var bytes = (byte[])before.Clone();
        foreach (var (o, v) in writes) bytes[o] = v;
        return bytes;
    }

    /// <summary>Parent and child each write their bytes after the fork, then (meeting through two pipes) read the page back.</summary>
    private static Func<ConcurrentQueue<string>, UnixProgram> ForkProgram(ForkScript s) => log => async (u, _) =>
    {
        var (_, data) = await u.Mach.VmAllocate(u.Mach.TaskSelf, 0, (ulong)u.Mach.Machine.PageSize);
        await u.Mach.Mem.Write(data, s.Before);
        var (_, toParentR, toParentW) = await u.Pipe();
        var (_, toChildR, toChildW) = await u.Pipe();
        await u.Fork(async c =>
        {
            foreach (var (o, v) in s.Child) await c.Mach.Mem.Write(data + (ulong)o, [v]);
            await c.Write(toParentW, [0]);
            await c.Read(toChildR, 1);
            log.Enqueue("child " + Convert.ToHexString(await c.Mach.Mem.Read(data, Size)));
            return 0;
        });
        foreach (var (o, v) in s.Parent) await u.Mach.Mem.Write(data + (ulong)o, [v]);
        await u.Read(toParentR, 1);
        await u.Write(toChildW, [0]);
        log.Enqueue("parent " + Convert.ToHexString(await u.Mach.Mem.Read(data, Size)));
        await u.Wait();
        return 0;
    };

    private static void VerifyFork(ForkScript s, RunMode mode, UnixSeededBugs bugs = UnixSeededBugs.None)
    {
        var log = UnixRun.Run(ForkProgram(s), mode, bugs);
        var expected = new[] { "child " + Convert.ToHexString(Apply(s.Before, s.Child)), "parent " + Convert.ToHexString(Apply(s.Before, s.Parent)) };
        Assert.True(expected.SequenceEqual(log.Order(StringComparer.Ordinal)), $"fork isolation broken ({mode}, {s}): {string.Join(" | ", log)}");
    }

    [Fact] // 25 controlled cases
    public void ForkIsolation_WritesAfterFork_InvisibleToTheOther() =>
        PropCheck.Check(Prop.ForAll(ForkScripts, RunMode.Seeds.ToArbitrary(), (s, seed) => VerifyFork(s, RunMode.Controlled(seed))), maxTest: 25);

    [Fact] // 8 parallel cases
    public void ForkIsolation_WritesAfterFork_InvisibleToTheOther_Parallel() =>
        PropCheck.Check(Prop.ForAll(ForkScripts, RunMode.ParallelModes.ToArbitrary(), (s, mode) => VerifyFork(s, mode)), maxTest: 8);

    [Fact] // seeded: the server forks with shared memory; found within 10 controlled cases
    public void ForkIsolation_SeededSharingFork_IsFound()
    {
        var failed = Assert.Throws<PropertyFailedException>(() => PropCheck.Check(Prop.ForAll(ForkScripts, RunMode.Seeds.ToArbitrary(), (s, seed) =>
            VerifyFork(s, RunMode.Controlled(seed), UnixSeededBugs.ForkSharesMemory)), maxTest: 10, replay: "4242,7777"));
        Assert.Contains("fork isolation broken", failed.Message, StringComparison.Ordinal);
    }

    /// <summary>Writes of these sizes by the child; reads of these sizes (cycled) by the parent until EOF.</summary>
    public sealed record PipeScript(int[] Writes, int[] Reads)
    {
        /// <inheritdoc />
        public override string ToString() => $"writes [{string.Join(",", Writes)}] reads [{string.Join(",", Reads)}]";
    }

    private static Arbitrary<PipeScript> PipeScripts => Arb.From(
        from writes in Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 6000), n))
        from reads in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 5000), n))
        select new PipeScript(writes, reads));

    private static byte[] Stream(PipeScript s) => [.. Enumerable.Range(0, s.Writes.Sum()).Select(i => (byte)((i * 31) + (i >> 8)))];

    private static Func<ConcurrentQueue<string>, UnixProgram> PipeProgram(PipeScript s) => log => async (u, _) =>
    {
        var data = Stream(s);
        var (_, r, w) = await u.Pipe();
        await u.Fork(async c =>
        {
            await c.Close(r);
            var at = 0;
            foreach (var n in s.Writes)
            {
                await c.Write(w, data.AsMemory(at, n));
                at += n;
            }
            return 0;
        });
        await u.Close(w);
        var got = new List<byte>();
        for (var i = 0; ; i++)
        {
            var (e, bytes) = await u.Read(r, s.Reads[i % s.Reads.Length]);
            if (e != Errno.None || bytes.Length == 0)
            {
                log.Enqueue($"end {e}");
                break;
            }
            got.AddRange(bytes);
        }
        log.Enqueue(got.SequenceEqual(data) ? "complete" : $"got {got.Count} of {data.Length} bytes, first difference at {got.Zip(data).TakeWhile(p => p.First == p.Second).Count()}");
        await u.Wait();
        return 0;
    };

    private static void VerifyPipe(PipeScript s, RunMode mode, UnixSeededBugs bugs = UnixSeededBugs.None)
    {
        var log = UnixRun.Run(PipeProgram(s), mode, bugs);
        Assert.True(log.SequenceEqual(["end None", "complete"]), $"pipe data not in order and complete ({mode}, {s}): {string.Join(" | ", log)}");
    }

    [Fact] // 25 controlled cases
    public void Pipe_ChildWritesChunks_ParentReadsAllInOrderThenEof() =>
        PropCheck.Check(Prop.ForAll(PipeScripts, RunMode.Seeds.ToArbitrary(), (s, seed) => VerifyPipe(s, RunMode.Controlled(seed))), maxTest: 25);

    [Fact] // 8 parallel cases
    public void Pipe_ChildWritesChunks_ParentReadsAllInOrderThenEof_Parallel() =>
        PropCheck.Check(Prop.ForAll(PipeScripts, RunMode.ParallelModes.ToArbitrary(), (s, mode) => VerifyPipe(s, mode)), maxTest: 8);

    [Fact] // seeded: the server drops a byte of reads of two bytes or more; found within 10 controlled cases
    public void Pipe_SeededDroppedBytes_IsFound()
    {
        var failed = Assert.Throws<PropertyFailedException>(() => PropCheck.Check(Prop.ForAll(PipeScripts, RunMode.Seeds.ToArbitrary(), (s, seed) =>
            VerifyPipe(s, RunMode.Controlled(seed), UnixSeededBugs.PipeDropsBytes)), maxTest: 10, replay: "4242,7777"));
        Assert.Contains("not in order and complete", failed.Message, StringComparison.Ordinal);
    }

    /// <summary>Children's exit codes and how long each computes first (in 0.1 ms steps).</summary>
    public sealed record WaitScript(int[] Codes, int[] Work)
    {
        /// <inheritdoc />
        public override string ToString() => $"codes [{string.Join(",", Codes)}] work [{string.Join(",", Work)}]";
    }

    private static Arbitrary<WaitScript> WaitScripts => Arb.From(
        from n in Gen.Choose(1, 5)
        from codes in Gen.ArrayOf(Gen.Choose(0, 255), n)
        from work in Gen.ArrayOf(Gen.Choose(0, 20), n)
        select new WaitScript(codes, work));

    private static Func<ConcurrentQueue<string>, UnixProgram> WaitProgram(WaitScript s) => log => async (u, _) =>
    {
        var children = new Dictionary<int, int>();
        for (var i = 0; i < s.Codes.Length; i++)
        {
            var (code, work) = (s.Codes[i], s.Work[i]);
            var (_, pid) = await u.Fork(async c =>
            {
                for (var k = 0; k < work; k++) await c.Mach.Compute(2_500);
                return code;
            });
            children[pid] = code;
        }
        var reaped = new List<string>();
        while (await u.Wait() is { Error: Errno.None } w) reaped.Add($"{w.Pid}:{WaitStatus.ExitStatus(w.Status)}");
        var expected = children.Select(kv => $"{kv.Key}:{kv.Value}").Order(StringComparer.Ordinal);
        log.Enqueue(reaped.Order(StringComparer.Ordinal).SequenceEqual(expected) ? "each once" : $"reaped [{string.Join(",", reaped)}], children [{string.Join(",", expected)}]");
        return 0;
    };

    private static void VerifyWait(WaitScript s, RunMode mode, UnixSeededBugs bugs = UnixSeededBugs.None)
    {
        var log = UnixRun.Run(WaitProgram(s), mode, bugs);
        Assert.True(log.SequenceEqual(["each once"]), $"wait did not return each child exactly once ({mode}, {s}): {string.Join(" | ", log)}");
    }

    [Fact] // 25 controlled cases
    public void Wait_ForkedChildren_EachReturnedExactlyOnce() =>
        PropCheck.Check(Prop.ForAll(WaitScripts, RunMode.Seeds.ToArbitrary(), (s, seed) => VerifyWait(s, RunMode.Controlled(seed))), maxTest: 25);

    [Fact] // 8 parallel cases
    public void Wait_ForkedChildren_EachReturnedExactlyOnce_Parallel() =>
        PropCheck.Check(Prop.ForAll(WaitScripts, RunMode.ParallelModes.ToArbitrary(), (s, mode) => VerifyWait(s, mode)), maxTest: 8);

    [Fact] // seeded: the server reports a reaped child again; found within 10 controlled cases
    public void Wait_SeededDoubleReport_IsFound()
    {
        var failed = Assert.Throws<PropertyFailedException>(() => PropCheck.Check(Prop.ForAll(WaitScripts, RunMode.Seeds.ToArbitrary(), (s, seed) =>
            VerifyWait(s, RunMode.Controlled(seed), UnixSeededBugs.WaitReportsTwice)), maxTest: 10, replay: "4242,7777"));
        Assert.Contains("exactly once", failed.Message, StringComparison.Ordinal);
    }
}
