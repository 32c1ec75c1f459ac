using FsCheck;
using FsCheck.Fluent;
using MachActors.Hardware;
using MachActors.Kernel.Vm;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel.Vm;

/// <summary>
/// Property (b), copy-on-write isolation, as a targeted case of property (a)'s machine and model: the
/// first task writes a random set of pages (under memory pressure when the whole region is written
/// first), forks with copy or share inheritance, then parent and child write random sets in a random
/// order, and every page of both is read back. With copy neither sees the other's writes after the
/// fork (both see what was there before); with share both see both. Budget: 60 controlled runs
/// (about 4 s) and 15 parallel runs (about 4 s); the seeded bug (fork with copy inheritance shares)
/// is found within 40 controlled runs (fixed replay seed).
/// </summary>
public class VmCowProperties
{
    private static Gen<VmOp> WriteGen(int task) =>
        from page in Gen.Choose(0, VmScript.Pages - 1)
        from offset in Gen.Choose(0, VmScript.PageSize - 1)
        from length in Gen.Choose(1, VmScript.PageSize)
        from seed in Gen.Choose(1, 255)
        select new VmOp(VmOpKind.Write, task, page, 0, offset, Math.Min(length, ((VmScript.Pages - page) * VmScript.PageSize) - offset), (byte)seed);

    /// <summary>Allocate, (pressure), writes, fork with <c>Copy</c> or <c>Share</c>, then parent (task 0) and child (task 1) writes.</summary>
    public static Arbitrary<VmScript> Scripts => Arb.From(
        from inheritance in Gen.Elements(VmInherit.Copy, VmInherit.Share)
        from pressure in Gen.Elements(false, true)
        from before in Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(WriteGen(0), n))
        from after in Gen.Choose(1, 10).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 1).SelectMany(WriteGen), n))
        select new VmScript([
            new VmOp(VmOpKind.Allocate, 0, 0, VmScript.Pages),
            .. pressure ? [new VmOp(VmOpKind.Write, 0, 0, 0, 0, VmScript.Pages * VmScript.PageSize, 3)] : Array.Empty<VmOp>(),
            .. before,
            new VmOp(VmOpKind.Fork, 0, 0, 0, Inherit: inheritance),
            .. after]),
        s => Shrink.Remove(s.Ops).Where(ops => ops.Any(o => o.Kind == VmOpKind.Fork)).Select(ops => new VmScript(ops)));

    private static void Verify(VmScript script, RunMode mode, SeededBugs bugs = SeededBugs.None) =>
        KernelChecks.AssertNone(VmScriptRun.Run(script, mode, bugs).AgainstModel(), $"{mode}, {script}");

    [Fact] // 60 cases, controlled dispatcher, generated seeds
    public void B_WritesAfterFork_CopyIsolatesShareShares() =>
        PropCheck.Check(Prop.ForAll(Scripts, RunMode.Seeds.ToArbitrary(), (script, seed) => Verify(script, RunMode.Controlled(seed))), maxTest: 60);

    [Fact] // 15 cases, parallel dispatcher, throughput 1, 2, 5 or 30
    public void B_WritesAfterFork_CopyIsolatesShareShares_Parallel() =>
        PropCheck.Check(Prop.ForAll(Scripts, RunMode.ParallelModes.ToArbitrary(), (script, mode) => Verify(script, mode)), maxTest: 15);

    [Fact] // seeded: fork with copy inheritance shares instead; up to 40 controlled cases (fixed replay)
    public void B_SeededForkSharingInsteadOfCopying_IsFound()
    {
        var failed = Assert.Throws<PropertyFailedException>(() => PropCheck.Check(Prop.ForAll(Scripts, RunMode.Seeds.ToArbitrary(), (script, seed) =>
            Verify(script, RunMode.Controlled(seed), SeededBugs.ForkCopyShares)), maxTest: 40, replay: "1177,4099"));
        Assert.Contains("fork Copy", failed.Message, StringComparison.Ordinal);
    }
}
