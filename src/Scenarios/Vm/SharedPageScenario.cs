using System.Collections.Immutable;
using MachActors.Kernel;

namespace MachActors.Scenarios.Vm;

/// <summary>
/// Two threads of one task on two CPUs fault on the same page of an external pager's object at once:
/// each writes its own byte and reads the page; afterwards the main thread reads it again. Checks: one
/// data_request for the page (monitor), every fault answered (monitor), each thread reads the pager's
/// bytes with at most the other thread's byte changed, and the final read holds both bytes.
/// </summary>
public class SharedPageScenario : MachineScenario
{
    /// <inheritdoc />
    public override bool AcceptsPager => true;

    /// <inheritdoc />
    public override string Name => "vm-shared-page";

    /// <inheritdoc />
    public override string Description => "two threads on two CPUs fault on one page of an external pager's object";

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.PublishMemoryObject();
        var size = run.PageSize;
        byte[]? seenByA = null, seenByB = null, final = null;
        run.Start("sharer", async env =>
        {
            var at = await MachineRun.MapMemoryObject(env, 1);
            if (at == 0) return;
            var (created, b) = await env.ThreadCreate(env.TaskSelf, async e =>
            {
                await e.Mem.Write(at + 1, [0xB1]);
                seenByB = await e.Mem.Read(at, size);
                return null;
            }, "b");
            if (created != KernReturn.Success) return;
            await env.ThreadResume(b); // b starts on the other CPU while a goes on: both fault on the page at once
            await env.Mem.Write(at, [0xA0]);
            seenByA = await env.Mem.Read(at, size);
            await env.CThreadJoin(b);
            final = await env.Mem.Read(at, size);
        });
        return () =>
        {
            if (final is null) return "the main thread did not finish (mapping failed or a read faulted)";
            if (run.InitialPage(0) is not { } initial) return "the pager never answered a data_request for page 0";
            return Differs("thread a", seenByA, initial, 0xA0, 0xB1, mayMissOther: true)
                ?? Differs("thread b", seenByB, initial, 0xB1, 0xA0, mayMissOther: true, ownAt: 1)
                ?? Differs("the final read", final, initial, 0xA0, 0xB1, mayMissOther: false);
        };
    }

    /// <summary>Whether <paramref name="seen"/> is the pager's page with this thread's byte (and maybe the other's) written; the difference, or null.</summary>
    private static string? Differs(string who, byte[]? seen, ImmutableArray<byte> initial, byte own, byte other, bool mayMissOther, int ownAt = 0)
    {
        if (seen is null) return $"{who} read nothing";
        var otherAt = 1 - ownAt;
        if (seen[ownAt] != own) return $"{who} lost its own write: byte {ownAt} is {seen[ownAt]:x2}, wrote {own:x2}";
        if (seen[otherAt] != other && !(mayMissOther && seen[otherAt] == initial[otherAt])) return $"{who} read byte {otherAt} as {seen[otherAt]:x2}: neither the pager's {initial[otherAt]:x2} nor the other thread's {other:x2}";
        for (var i = 2; i < seen.Length; i++)
        {
            if (seen[i] != initial[i]) return $"{who} read byte {i} as {seen[i]:x2}, the pager supplied {initial[i]:x2}";
        }
        return null;
    }
}
