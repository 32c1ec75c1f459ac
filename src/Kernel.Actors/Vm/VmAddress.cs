namespace MachActors.Kernel.Vm;

/// <summary>
/// Page arithmetic on virtual addresses (<c>vm_offset_t</c>, unsigned 64-bit). The page size is the
/// machine's (<see cref="MachActors.Hardware.MachineConfig.PageSize"/>), a power of two. Nothing here
/// wraps silently: a rounding or an end that would pass 2^64 is reported as a failure.
/// </summary>
public static class VmAddress
{
    /// <summary>True when <paramref name="pageSize"/> is a power of two of at least 2.</summary>
    public static bool IsValidPageSize(int pageSize) => pageSize > 1 && (pageSize & (pageSize - 1)) == 0;

    /// <summary><paramref name="address"/> rounded down to its page.</summary>
    public static ulong TruncPage(ulong address, int pageSize) => address & ~((ulong)pageSize - 1);

    /// <summary>True when <paramref name="address"/> is the start of a page.</summary>
    public static bool IsPageAligned(ulong address, int pageSize) => (address & ((ulong)pageSize - 1)) == 0;

    /// <summary>
    /// <paramref name="address"/> rounded up to a page boundary; false (and 0) when that would pass 2^64.
    /// </summary>
    public static bool TryRoundPage(ulong address, int pageSize, out ulong rounded)
    {
        var mask = (ulong)pageSize - 1;
        if (address > ulong.MaxValue - mask)
        {
            rounded = 0;
            return false;
        }
        rounded = (address + mask) & ~mask;
        return true;
    }

    /// <summary>
    /// The page range [start, end) covering the bytes [address, address + size): start truncated, end
    /// rounded up. False when address + size passes 2^64 or its rounding does.
    /// </summary>
    public static bool TryPageRange(ulong address, ulong size, int pageSize, out ulong start, out ulong end)
    {
        start = TruncPage(address, pageSize);
        end = 0;
        if (size > ulong.MaxValue - address) return false;
        return TryRoundPage(address + size, pageSize, out end);
    }
}
