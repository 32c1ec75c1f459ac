using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Kernel;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Vm;
using MachActors.Kernel.User;
using MachActors.Pagers.Memory;
using MachActors.Scenarios.Monitors;

namespace MachActors.Scenarios.Vm;

/// <summary>
/// The pager dies with faults pending (spec R11): two tasks on two CPUs map the same external object and
/// each reads its own page at the same time; the pager (<see cref="DyingPager"/>) answers the first
/// data_request and stops itself on the second. A third task writes and reads back anonymous memory
/// meanwhile. Checks: no fault hangs (monitors); exactly one reader takes EXC_BAD_ACCESS with
/// KERN_MEMORY_ERROR (the one whose request found the pager dying) and the other reads the pager's
/// bytes; the bystander's memory is intact and nothing else faults.
/// </summary>
public class PagerDeathScenario : MachineScenario
{
    /// <summary>Pages of anonymous memory the bystander writes and reads back.</summary>
    public const int BystanderPages = 4;

    /// <inheritdoc />
    public override string Name => "vm-pager-death";

    /// <inheritdoc />
    public override string Description => "the pager dies while a fault's data_request is pending (R11): that fault takes EXC_BAD_ACCESS, nothing hangs, other memory is intact";

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Context.AddMonitor(new IncarnationMonitor());
        var size = run.PageSize;
        run.PublishMemoryObject(Props.Create(() => new DyingPager(size)));
        var reads = new byte[]?[2];
        string? bystander = null;
        for (var reader = 0; reader < 2; reader++)
        {
            var page = reader;
            run.Start("reader" + page, async env =>
            {
                var at = await MachineRun.MapMemoryObject(env, 2);
                if (at != 0) reads[page] = await env.Mem.Read(at + (ulong)(page * size), size);
            });
        }
        run.Start("bystander", async env => bystander = await Bystander(env, size));
        return () =>
        {
            if (bystander is not null) return bystander;
            var faults = run.Machine.Status.Faults;
            if (faults.Count != 1 || faults[0].Exception is not { Type: ExceptionType.BadAccess } e || e.Code != (int)KernReturn.MemoryError)
            {
                return $"expected one EXC_BAD_ACCESS (KERN_MEMORY_ERROR), got {faults.Count} fault(s){(faults.Count > 0 ? ": " + faults[0] : "")}";
            }
            var served = Enumerable.Range(0, 2).Where(p => reads[p] is not null).ToList();
            if (served.Count != 1) return $"{served.Count} readers read their page, expected exactly one";
            var p = served[0];
            return reads[p].AsSpan().SequenceEqual(MemoryPager.Initial(1, (long)p * size, size).AsSpan()) ? null : $"reader {p} did not read the pager's bytes";
        };
    }

    private static async Task<string?> Bystander(MachEnv env, int size)
    {
        var (code, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)(BystanderPages * size));
        if (code != KernReturn.Success) return $"the bystander's vm_allocate failed: {code}";
        for (var p = 0; p < BystanderPages; p++) await env.Mem.Write(at + (ulong)(p * size), [(byte)(0x40 + p)]);
        for (var p = 0; p < BystanderPages; p++)
        {
            var seen = (await env.Mem.Read(at + (ulong)(p * size), 1))[0];
            if (seen != 0x40 + p) return $"the bystander's page {p} reads {seen:x2}, wrote {0x40 + p:x2}";
        }
        return null;
    }
}

/// <summary>A <see cref="MemoryPager"/> answering at once that stops itself when its second data_request arrives (R11).</summary>
/// <param name="pageSize">The kernel's page size.</param>
public sealed class DyingPager(int pageSize) : MemoryPager(pageSize, Duration.Zero)
{
    private int _requests;

    /// <summary>data_request: the first is supplied; at the second the pager stops.</summary>
    protected override void OnDataRequest(DataRequest request)
    {
        if (++_requests == 2) Context.Stop(Self);
        else base.OnDataRequest(request);
    }
}
