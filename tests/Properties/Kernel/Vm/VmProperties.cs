using FsCheck.Fluent;
using MachActors.Hardware;
using MachActors.Kernel.Vm;
using MachActors.Tests.Properties.Actors.Dispatch;
using MachActors.Tests.Properties.Infra;

namespace MachActors.Tests.Properties.Kernel.Vm;

/// <summary>
/// Issue 5's VM properties end to end, on whole machines of 40 frames with a swap disk (so the paging
/// daemon pages out: a run pages out about 4-17 pages and pages in about as many), over generated
/// <see cref="VmScript"/>s of 12-42 steps on up to 3 tasks: vm_allocate, vm_deallocate, vm_protect,
/// vm_inherit, reads and writes (page-crossing too) by threads of each task, two threads of two tasks
/// reading the same pages at once, vm_copy, and fork with none, share or copy inheritance. Each run
/// checks, at once:
/// (a) every step gives what the flat <see cref="VmModel"/> says (codes, bytes, EXC_BAD_ACCESS code and
/// address), every readable page of every task is read back at the end, and the run ends;
/// (c)-(f) the <see cref="VmMonitor"/> on the runtime's trace finds nothing at any step.
/// Budget: 150 controlled runs (generated scripts and seeds) in about 1-2 s, and 30 parallel runs
/// (throughput 1, 2, 5 or 30) in about 3 s (400 + 400 pass in 18 s); FSCHECK_MAXTEST=N runs N.
/// Each property is shown to fail on a seeded bug (tests below, each with a fixed replay seed, its
/// budget and the property's own check only, so that the shrunk script is about that property).
/// (b) is <see cref="VmCowProperties"/>.
/// </summary>
public class VmProperties
{
    private const string Replay = "1177,4099";

    private static IEnumerable<string> Everything(VmRunReport r) =>
        r.AgainstModel().Concat(Enum.GetValues<VmProperty>().SelectMany(r.Monitor.Violations));

    private static void Verify(VmScript script, RunMode mode, SeededBugs bugs, Func<VmRunReport, IEnumerable<string>> check, Pager pager = Pager.Default) =>
        KernelChecks.AssertNone(check(VmScriptRun.Run(script, mode, bugs, pager == Pager.FirstCopy ? FirstCopyPager.Create : null)), $"{mode}, {script}");

    [Fact] // 150 scripts, controlled dispatcher, generated seeds: (a) and (c)-(f)
    public void A_to_F_RandomScripts_ReadWhatTheModelSaysAndNoMonitorFires() =>
        PropCheck.Check(Prop.ForAll(VmScript.Arbitrary(), RunMode.Seeds.ToArbitrary(), (script, seed) =>
            Verify(script, RunMode.Controlled(seed), SeededBugs.None, Everything)), maxTest: 150);

    [Fact] // 30 scripts, parallel dispatcher, throughput 1, 2, 5 or 30: (a) and (c)-(f)
    public void A_to_F_RandomScripts_ReadWhatTheModelSaysAndNoMonitorFires_Parallel() =>
        PropCheck.Check(Prop.ForAll(VmScript.Arbitrary(), RunMode.ParallelModes.ToArbitrary(), (script, mode) =>
            Verify(script, mode, SeededBugs.None, Everything)), maxTest: 30);

    [Fact] // the shrunk case property (a) found with 1,200 scripts: a copy object's clean zero page, evicted after the source's push found it, fell back to the source's newer data
    public void A_CopyObjectZeroPageEvicted_KeepsZeros() =>
        Verify(
            new VmScript([
                new VmOp(VmOpKind.Allocate, 0, 0, 12),
                new VmOp(VmOpKind.Fork, 2, 0, 0, Inherit: VmInherit.Share),
                new VmOp(VmOpKind.Fork, 0, 0, 0, Inherit: VmInherit.Copy),
                new VmOp(VmOpKind.Race, 2, 2, 0, Offset: 0, Length: 1, Target: 2),
                new VmOp(VmOpKind.Write, 0, 1, 0, Offset: 2988, Length: 1153, Seed: 7),
            ]),
            RunMode.Controlled(2321513437986541386UL),
            SeededBugs.None,
            Everything);

    [Fact] // seeded: a pager that keeps a page's first contents; up to 100 controlled scripts (fixed replay)
    public void A_SeededPagerKeepingFirstCopy_IsFound() =>
        Found(SeededBugs.None, r => r.AgainstModel(), "expected", 100, Pager.FirstCopy);

    [Fact] // seeded: below free_target the allocator hands out an inactive page its object still holds; up to 60 controlled scripts
    public void C_SeededAllocatorStealingHeldPage_IsFound() =>
        Found(SeededBugs.AllocateStealsInactivePage, r => r.Monitor.Violations(VmProperty.C), "(c)", 60);

    [Fact] // seeded: the daemon ignores the modify bit (a written page is freed as clean); up to 60 controlled scripts
    public void D_SeededDaemonIgnoringModifyBit_IsFound() =>
        Found(SeededBugs.DaemonIgnoresModifyBit, r => r.Monitor.Violations(VmProperty.D), "(d)", 60);

    [Fact] // seeded: a fault on a page with a data_request outstanding sends another; up to 60 controlled scripts
    public void E_SeededSecondDataRequest_IsFound() =>
        Found(SeededBugs.RefaultRequestsAgain, r => r.Monitor.Violations(VmProperty.E), "(e)", 60);

    [Fact] // seeded: a CPU acks a shootdown without invalidating (VmFaultTests' hand-seeded bug); up to 60 controlled scripts
    public void F_SeededCpuAckingWithoutInvalidating_IsFound() =>
        Found(SeededBugs.CpuAcksWithoutInvalidating, r => r.Monitor.Violations(VmProperty.F), "(f)", 60);

    /// <summary>The property with <paramref name="bugs"/> seeded fails within <paramref name="cases"/> controlled runs, with a violation containing <paramref name="expect"/>.</summary>
    internal static void Found(SeededBugs bugs, Func<VmRunReport, IEnumerable<string>> check, string expect, int cases, Pager pager = Pager.Default)
    {
        var failed = Assert.Throws<PropertyFailedException>(() => PropCheck.Check(Prop.ForAll(VmScript.Arbitrary(), RunMode.Seeds.ToArbitrary(), (script, seed) =>
            Verify(script, RunMode.Controlled(seed), bugs, check, pager)), maxTest: cases, replay: Replay));
        Assert.Contains(expect, failed.Message, StringComparison.Ordinal);
    }
}

/// <summary>Which pager a run boots.</summary>
public enum Pager
{
    /// <summary>The default pager.</summary>
    Default,

    /// <summary>The seeded <see cref="FirstCopyPager"/>.</summary>
    FirstCopy,
}
