using MachActors.Actors.Dispatch;
using MachActors.Kernel;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>
/// Collapse of shadow chains on whole machines: generations of fork-and-write, each child reading the
/// parent's view, writing its own and ending, leave the parent's chain (and the live VM objects)
/// bounded, and the data right.
/// </summary>
public sealed class CowCollapseTests
{
    private const int Pages = 4;
    private const int Generations = 8;

    public static TheoryData<DispatcherKind> Dispatchers => MachineKit.Dispatchers;

    private static byte[] Pattern(int page, int generation, int size) =>
        [.. Enumerable.Range(0, size).Select(i => (byte)((page * 31) + (generation * 17) + (i * 3) + 1))];

    /// <summary>The pages that do not read as <paramref name="generationOf"/> says.</summary>
    private static async Task<List<int>> Mismatches(MachEnv env, ulong data, Func<int, int> generationOf)
    {
        var size = env.Machine.PageSize;
        var wrong = new List<int>();
        for (var p = 0; p < Pages; p++)
        {
            if (!(await env.Mem.Read(data + (ulong)(p * size), size)).AsSpan().SequenceEqual(Pattern(p, generationOf(p), size))) wrong.Add(p);
        }
        return wrong;
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void ForkAndWrite_ManyGenerations_ChainStaysBoundedAndDataRight(DispatcherKind dispatcher)
    {
        using var kit = new MachineKit(cpus: 2, dispatcher: dispatcher);
        var wrong = new List<string>();
        kit.Start(async env =>
        {
            var size = env.Machine.PageSize;
            var (data, flags) = await CowTests.Setup(env, VmInherit.Copy, Pages);
            var latest = new int[Pages]; // the generation that last wrote each page, in the parent
            for (var p = 0; p < Pages; p++) await env.Mem.Write(data + (ulong)(p * size), Pattern(p, 0, size));
            for (var g = 1; g <= Generations; g++)
            {
                var seen = latest.ToArray();
                var generation = g;
                await CowTests.Fork(env, async child =>
                {
                    var before = await Mismatches(child, data, p => seen[p]);
                    for (var p = 0; p < Pages; p++) await child.Mem.Write(data + (ulong)(p * size), Pattern(p, 100 + generation, size));
                    var after = await Mismatches(child, data, _ => 100 + generation);
                    lock (wrong) wrong.AddRange(before.Concat(after).Select(p => $"child {generation} page {p}"));
                    await CowCopyObjectTests.Set(child, flags, generation);
                    await child.TaskTerminate(child.TaskSelf);
                    return null;
                });
                var page = g % Pages; // the parent writes one page per generation: the others stay below
                await env.Mem.Write(data + (ulong)(page * size), Pattern(page, g, size));
                latest[page] = g;
                await CowCopyObjectTests.Await(env, flags, g);
            }
            await MachineKit.ComputeMs(env, 5); // the last child's end reaches its objects
            var final = await Mismatches(env, data, p => latest[p]);
            lock (wrong) wrong.AddRange(final.Select(p => $"parent page {p}"));
        });
        kit.RunToEnd();

        Assert.Empty(kit.Machine.Status.Faults);
        Assert.Empty(wrong);
        var live = kit.Machine.Status.Vm.LiveObjects;
        Assert.True(live <= 3, $"live VM objects {live} after {Generations} generations");
    }
}
