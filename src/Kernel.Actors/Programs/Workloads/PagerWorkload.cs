using System.Buffers.Binary;
using System.Globalization;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.User;
using static MachActors.Kernel.Programs.Workloads.WorkloadChecks;

namespace MachActors.Kernel.Programs.Workloads;

/// <summary>
/// The <c>pager</c> workload: one task uses a memory object an external pager serves. The host starts
/// the pager (the built-in memory pager, or a plugin: <c>machactors run --pager PATH.dll:Type</c>),
/// makes its memory object and publishes it to the name server as <see cref="MemoryObjectName"/>
/// before the task starts. The task maps <see cref="Pages"/> pages of it, reads every page (a fault each:
/// data_request, answered by the pager), writes a stamp (the page's number and a marker) into the first
/// 8 bytes of every page and reads each page back (the pager's bytes with the stamp on top). Then it
/// unmaps the object (its last reference: the modified pages go back to the pager with data_return, then
/// terminate), maps it again (a fresh init) and reads every page once more: a pager that keeps what the
/// kernel returned shows the same bytes. Any difference makes the thread fault with the page and byte.
/// </summary>
public static class PagerWorkload
{
    /// <summary>The name it is registered under.</summary>
    public const string Name = "pager";

    /// <summary>The name server entry of the memory object the host publishes for it.</summary>
    public const string MemoryObjectName = "pager-object";

    /// <summary>Pages of the memory object mapped.</summary>
    public const int Pages = 8;

    /// <summary>What it does, for listings and the run's explanation.</summary>
    public const string Description =
        "A memory object served by an external pager (the built-in memory pager, or yours with --pager PATH.dll:Type). "
        + "The task 'pager-user' looks the object up in the name server, maps 8 pages of it (vm_map), reads every page "
        + "(each first touch is a fault the pager answers with data_supply), stamps the first 8 bytes of each page and "
        + "reads it back. It then unmaps the object: the stamped pages go back to the pager (data_return) and the "
        + "incarnation ends (terminate). It maps the object again (a new init) and reads every page once more; a pager "
        + "that keeps returned pages shows the same bytes. Any difference faults the thread with the page and byte.";

    /// <summary>Marker after each page's number in its stamp.</summary>
    private const uint Marker = 0x50414745; // "PAGE"

    /// <summary>The task's thread: map, read, stamp, check, unmap, map again, check again.</summary>
    public static async Task Run(MachEnv env, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(env);
        var pageSize = env.Machine.PageSize;
        var (found, port) = await env.NetnameLookUp(await env.NameServer(), MemoryObjectName);
        Check(found == NetnameReturn.Success, $"netname_look_up '{MemoryObjectName}' returned {found}: no memory object was published");
        var size = (ulong)(Pages * pageSize);
        var first = await Map(env, port, size);
        var expected = new byte[Pages][];
        for (var p = 0; p < Pages; p++)
        {
            var page = await env.Mem.Read(Address(first, p, pageSize), pageSize);
            Stamp(page, p);
            expected[p] = page;
            await env.Mem.Write(Address(first, p, pageSize), page.AsSpan(0, 8).ToArray());
            Compare(await env.Mem.Read(Address(first, p, pageSize), pageSize), expected[p], p, "after its stamp");
        }
        Expect(await env.VmDeallocate(env.TaskSelf, first, size), "vm_deallocate");
        var again = await Map(env, port, size);
        for (var p = 0; p < Pages; p++)
        {
            Compare(await env.Mem.Read(Address(again, p, pageSize), pageSize), expected[p], p, "mapped again (the pager did not keep the returned page)");
        }
        Expect(await env.VmDeallocate(env.TaskSelf, again, size), "vm_deallocate");
    }

    private static async Task<ulong> Map(MachEnv env, Ipc.PortName port, ulong size)
    {
        var (code, at) = await env.VmMap(env.TaskSelf, 0, size, 0, true, port, 0, false);
        Expect(code, "vm_map of the memory object");
        return at;
    }

    private static ulong Address(ulong start, int page, int pageSize) => start + ((ulong)page * (ulong)pageSize);

    /// <summary>Writes page <paramref name="page"/>'s stamp (its number, then the marker) over the first 8 bytes of <paramref name="bytes"/>.</summary>
    private static void Stamp(byte[] bytes, int page)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes, page);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), Marker);
    }

    private static void Compare(byte[] seen, byte[] expected, int page, string when)
    {
        var at = seen.AsSpan().CommonPrefixLength(expected);
        Check(at == expected.Length && seen.Length == expected.Length,
            string.Create(CultureInfo.InvariantCulture, $"page {page} {when}: byte {at} reads {(at < seen.Length ? seen[at] : -1)}, expected {(at < expected.Length ? expected[at] : -1)}"));
    }
}
