using System.Buffers.Binary;

namespace MachActors.Scenarios.Vm;

/// <summary>
/// The standard pager scenario of the exploration benchmark (BENCHMARKS.md section 8): two threads of
/// one task on two CPUs each stamp 8 bytes into every page of their half of an external pager's
/// object (each first touch a fault served by the pager: data_request, data_supply), then read every
/// stamp of both halves back. About a thousand steps, nothing paged out. Check: every stamp reads back
/// as written, and no thread faulted.
/// </summary>
public class PagerStampsScenario : MachineScenario
{
    /// <summary>Pages of the object (half per thread).</summary>
    public const int Pages = 32;

    /// <inheritdoc />
    public override bool AcceptsPager => true;

    /// <inheritdoc />
    public override string Name => "vm-pager-stamps";

    /// <inheritdoc />
    public override string Description => "two threads stamp and read back every page of an external pager's object (the benchmark's standard pager scenario)";

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.PublishMemoryObject();
        var size = (ulong)run.PageSize;
        string? wrong = null;
        var checkedBy = 0;
        async Task Stamp(Kernel.User.MachEnv env, ulong at, int first)
        {
            for (var p = first; p < Pages; p += 2) await env.Mem.Write(at + ((ulong)p * size), StampOf(p));
        }
        async Task Check(Kernel.User.MachEnv env, ulong at)
        {
            for (var p = 0; p < Pages; p++)
            {
                var seen = await env.Mem.Read(at + ((ulong)p * size), 8);
                if (!seen.AsSpan().SequenceEqual(StampOf(p)) && wrong is null) wrong = $"page {p} reads stamp {BinaryPrimitives.ReadInt64LittleEndian(seen):x}, wrote {p + 0x5354414D50L:x}";
            }
            Interlocked.Increment(ref checkedBy);
        }
        run.Start("stamper", async env =>
        {
            var at = await MachineRun.MapMemoryObject(env, Pages);
            if (at == 0) return;
            var (created, other) = await env.ThreadCreate(env.TaskSelf, async e =>
            {
                await Stamp(e, at, 1);
                return null;
            }, "odd");
            if (created != Kernel.KernReturn.Success) return;
            await env.ThreadResume(other);
            await Stamp(env, at, 0);
            await env.CThreadJoin(other);
            await Check(env, at);
        });
        return () => wrong ?? (checkedBy == 1 ? NoFault(run) : "the stamps were never read back");
    }

    private static byte[] StampOf(int page)
    {
        var stamp = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(stamp, page + 0x5354414D50L);
        return stamp;
    }
}
