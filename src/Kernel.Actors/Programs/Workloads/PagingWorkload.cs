using System.Buffers.Binary;
using System.Globalization;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.User;
using static MachActors.Kernel.Programs.Workloads.WorkloadChecks;

namespace MachActors.Kernel.Programs.Workloads;

/// <summary>
/// The <c>paging</c> workload: anonymous memory twice the size of physical memory, so the paging
/// daemon must page out to the default pager and fault pages back in. The main thread allocates
/// <see cref="MemoryFactor"/> x the machine's frames (sizes from <see cref="MachEnv.Machine"/>) and
/// starts two threads on disjoint halves; each writes a pattern of its own to every page of its half
/// (the page's number, a marker and bytes derived from both), then reads every page back and compares
/// it, faulting with the page, address and first differing byte on any mismatch. The main thread joins
/// both, checks their page counts and deallocates the region. Needs a machine with swap
/// (<see cref="WithSwap"/>): without it the allocations fail once memory is exhausted and the workload
/// faults. Deterministic under the controlled dispatcher.
/// </summary>
public static class PagingWorkload
{
    /// <summary>The name it is registered under.</summary>
    public const string Name = "paging";

    /// <summary>What it does, for listings and the run's explanation.</summary>
    public const string Description =
        "Anonymous memory larger than physical memory, paged to swap and back. The task 'paging' allocates twice as many "
        + "pages as the machine has frames (vm_allocate; sizes from the machine's frame count and page size) and starts two "
        + "threads, 'lower' and 'upper', on the two halves. Each writes a distinct pattern to every page of its half (the "
        + "page's number, a marker and bytes derived from both), then reads every page back and compares it, faulting with "
        + "the page and the first wrong byte on any mismatch. Memory runs out halfway through the writes: the paging daemon "
        + "evicts dirty pages to the default pager (pageouts to the swap disk), and the reads fault them back in (pageins). "
        + "The main thread joins both threads, checks their counts and deallocates the region. 'machactors run' gives this "
        + "workload a swap disk and 64 frames unless --frames says otherwise.";

    /// <summary>Pages allocated per physical frame: the workload touches this many times physical memory.</summary>
    public const int MemoryFactor = 2;

    /// <summary>Physical frames <c>machactors run</c> gives this workload unless told otherwise: few, so paging starts at once.</summary>
    public const int DefaultFrames = 64;

    /// <summary>The name of the swap disk <see cref="WithSwap"/> adds.</summary>
    public const string SwapDiskName = "swap";

    /// <summary>Swap pages <see cref="WithSwap"/> provides per frame by default: twice what the workload can ever write out.</summary>
    public const int SwapPagesPerFrame = 2 * MemoryFactor;

    /// <summary>Marker written after each page's number, so a page of zeros or of another page never passes.</summary>
    private const uint Marker = 0x4D414348; // "MACH"

    /// <summary>
    /// <paramref name="config"/> with a swap disk named <see cref="SwapDiskName"/> added and made the
    /// swap disk: <paramref name="swapBlocks"/> blocks, or by default room for
    /// <see cref="SwapPagesPerFrame"/> pages per frame (at least the default disk's 2048 blocks).
    /// Pure; the caller boots it with a default pager factory.
    /// </summary>
    public static MachineConfig WithSwap(MachineConfig config, long? swapBlocks = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var geometry = new DiskGeometry();
        var blocksPerPage = Math.Max(1, (config.PageSize + geometry.BlockSize - 1) / geometry.BlockSize);
        var blocks = swapBlocks ?? Math.Max(geometry.BlockCount, (long)config.FrameCount * SwapPagesPerFrame * blocksPerPage);
        var disk = new DiskConfig { Name = SwapDiskName, Geometry = geometry with { BlockCount = blocks } };
        return config with { Disks = [.. config.Disks, disk], SwapDisk = SwapDiskName };
    }

    /// <summary>The main thread: allocates, starts the two halves, joins them, checks their counts, deallocates.</summary>
    public static async Task Run(MachEnv env, IReadOnlyList<string> args)
    {
        var pageSize = env.Machine.PageSize;
        var pages = MemoryFactor * env.Machine.FrameCount;
        var size = (ulong)pages * (ulong)pageSize;
        var (allocated, start) = await env.VmAllocate(env.TaskSelf, 0, size);
        Expect(allocated, Inv($"vm_allocate of {pages} pages"));

        var half = pages / 2;
        var halves = new (string Name, int First, int Count)[] { ("lower", 0, half), ("upper", half, pages - half) };
        var threads = new List<PortName>();
        foreach (var (name, first, count) in halves)
        {
            threads.Add(await Start(env, env.TaskSelf, e => Touch(e, name, start, first, count), name, SchedConstants.BasePriorityUser));
        }
        for (var i = 0; i < threads.Count; i++)
        {
            var joined = await env.CThreadJoin(threads[i]);
            Expect(joined.Result, "cthread_join " + halves[i].Name);
            Check(joined.Value is int n && n == halves[i].Count,
                Inv($"{halves[i].Name} checked {joined.Value ?? "nothing"} pages, expected {halves[i].Count}"));
        }
        Expect(await env.VmDeallocate(env.TaskSelf, start, size), "vm_deallocate");
    }

    /// <summary>Writes every page of pages [first, first + count) of the region at <paramref name="start"/>, then reads each back and checks it. Returns the pages checked.</summary>
    private static async Task<object?> Touch(MachEnv env, string name, ulong start, int first, int count)
    {
        var pageSize = env.Machine.PageSize;
        for (var p = first; p < first + count; p++) await env.Mem.Write(AddressOf(start, p, pageSize), Pattern(p, pageSize));
        for (var p = first; p < first + count; p++)
        {
            var address = AddressOf(start, p, pageSize);
            var read = await env.Mem.Read(address, pageSize);
            var expected = Pattern(p, pageSize);
            var at = read.AsSpan().CommonPrefixLength(expected);
            Check(at == pageSize && read.Length == pageSize,
                Inv($"{name}: page {p} at 0x{address:x} read back wrong: byte {at} is {(at < read.Length ? read[at] : -1)}, expected {(at < expected.Length ? expected[at] : -1)}"));
        }
        return count;
    }

    private static ulong AddressOf(ulong start, int page, int pageSize) => start + ((ulong)page * (ulong)pageSize);

    /// <summary>Page <paramref name="page"/>'s contents: its number, the marker, then bytes that depend on both the page and the offset.</summary>
    public static byte[] Pattern(int page, int pageSize)
    {
        var bytes = new byte[pageSize];
        for (var i = 8; i < pageSize; i++) bytes[i] = (byte)((page * 31) + (i * 7) + (page >> 8) + 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes, page);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), Marker);
        return bytes;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
