using MachActors.Kernel;
using MachActors.Kernel.User;
using MachActors.Scenarios.Monitors;

namespace MachActors.Scenarios.Vm;

/// <summary>
/// Two tasks share one memory object (one VM object, coherent): each maps the same two pages of an
/// external pager's object, on its own CPU, and writes its own bytes of page 0 (disjoint), the same byte
/// of page 0 (overlapping) and its own byte of page 1; after a handshake (each waits until the other's
/// writes completed) each reads both pages. Checks: each task sees the other's bytes, both read the same
/// overlapping byte (one of the two written), the pager sees one incarnation (one VM object for the
/// memory object: <see cref="IncarnationMonitor"/>), no fault.
/// </summary>
public class SharedObjectScenario : MachineScenario
{
    /// <summary>The byte both tasks write (offset in page 0).</summary>
    public const int Overlap = 16;

    /// <inheritdoc />
    public override bool AcceptsPager => true;

    /// <inheritdoc />
    public override string Name => "vm-shared-object";

    /// <inheritdoc />
    public override string Description => "two tasks on two CPUs map one memory object and write disjoint and overlapping bytes; each sees the other's after a handshake";

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var incarnations = run.Context.AddMonitor(new IncarnationMonitor());
        run.PublishMemoryObject();
        var size = run.PageSize;
        var done = new bool[2];
        var seen = new byte[]?[2];
        for (var who = 0; who < 2; who++)
        {
            var me = who;
            run.Start("sharer" + me, async env =>
            {
                var at = await MachineRun.MapMemoryObject(env, 2);
                if (at == 0) return;
                await env.Mem.Write(at + (ulong)(me * 8), Own(me));
                await env.Mem.Write(at + Overlap, [Mark(me)]);
                await env.Mem.Write(at + (ulong)size + (ulong)me, [Mark(me)]);
                done[me] = true;
                while (!done[1 - me]) await env.Compute(PollCycles);
                seen[me] = [.. await env.Mem.Read(at, size), .. await env.Mem.Read(at + (ulong)size, 2)];
            });
        }
        return () =>
        {
            for (var me = 0; me < 2; me++)
            {
                if (seen[me] is not { } bytes) return $"task {me} did not finish";
                var other = 1 - me;
                if (!bytes.AsSpan(other * 8, 8).SequenceEqual(Own(other))) return $"task {me} does not see task {other}'s bytes in page 0";
                if (!bytes.AsSpan(me * 8, 8).SequenceEqual(Own(me))) return $"task {me} lost its own bytes in page 0";
                if (bytes[size + other] != Mark(other) || bytes[size + me] != Mark(me)) return $"task {me} reads page 1's bytes as {bytes[size]:x2} {bytes[size + 1]:x2}";
                if (bytes[Overlap] != Mark(0) && bytes[Overlap] != Mark(1)) return $"task {me} reads the shared byte as {bytes[Overlap]:x2}, neither task's";
            }
            if (seen[0]![Overlap] != seen[1]![Overlap]) return $"the tasks read the shared byte differently: {seen[0]![Overlap]:x2} and {seen[1]![Overlap]:x2} (two copies)";
            return incarnations.Incarnations == 1 ? NoFault(run) : $"the pager saw {incarnations.Incarnations} incarnations, expected one VM object";
        };
    }

    /// <summary>CPU cycles between two looks at whether the other task has written.</summary>
    public const long PollCycles = 200;

    private static byte Mark(int who) => (byte)(0xA0 + (who * 0x11));

    private static byte[] Own(int who) => [.. Enumerable.Range(0, 8).Select(i => (byte)((who * 0x40) + i + 1))];
}
