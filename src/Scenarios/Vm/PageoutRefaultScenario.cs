
namespace MachActors.Scenarios.Vm;

/// <summary>
/// Pageout racing a new fault on the same page (spec R1/R2): a task maps more pages of an external
/// pager's object than fit in memory and writes a pattern into every page; after each write it reads
/// back the page written <see cref="Lag"/> pages earlier, which the paging daemon is evicting about
/// then (data_return) while the read faults it in again (data_request); at the end it reads every page.
/// The pager must see each data_return before the later request, or the read shows old bytes. The
/// check is the VM oracle: every read shows exactly what was written.
/// </summary>
public class PageoutRefaultScenario : PagingScenario
{
    /// <summary>Pages mapped and written: more than the machine leaves free.</summary>
    public const int Pages = 40;

    /// <summary>How many pages behind the writes the interleaved reads go.</summary>
    public const int Lag = 6;

    /// <inheritdoc />
    public override bool AcceptsPager => true;

    /// <inheritdoc />
    public override string Name => "vm-pageout-refault";

    /// <inheritdoc />
    public override string Description => "pageouts to an external pager race faults on the same pages (R1/R2); every page must read back what was written";

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.PublishMemoryObject(Pager(run.PageSize));
        var size = run.PageSize;
        string? wrong = null;
        var checkedPages = 0;
        run.Start("pager-user", async env =>
        {
            var at = await MachineRun.MapMemoryObject(env, Pages);
            if (at == 0) return;
            async Task Check(int p)
            {
                var seen = await env.Mem.Read(at + (ulong)(p * size), size);
                var expected = Pattern(p, size);
                var i = seen.AsSpan().CommonPrefixLength(expected);
                if (i < size && wrong is null) wrong = $"page {p} byte {i} reads {seen[i]:x2}, {expected[i]:x2} was written";
            }
            for (var p = 0; p < Pages; p++)
            {
                await env.Mem.Write(at + (ulong)(p * size), Pattern(p, size));
                if (p >= Lag) await Check(p - Lag);
            }
            for (var p = 0; p < Pages; p++)
            {
                await Check(p);
                checkedPages++;
            }
        });
        return () => wrong ?? (checkedPages == Pages ? NoFault(run) : $"only {checkedPages} of {Pages} pages were read back");
    }

    /// <summary>The pager serving the object: null for the correct <see cref="MachActors.Pagers.Memory.MemoryPager"/> (a variant overrides it).</summary>
    protected virtual MachActors.Actors.Props? Pager(int pageSize) => null;

    /// <summary>What the task writes into page <paramref name="page"/>: bytes derived from the page number, never the pager's initial bytes.</summary>
    public static byte[] Pattern(int page, int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)(0x80 ^ (page * 13) ^ (i * 7));
        return bytes;
    }
}
