using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>Helpers for the VmMap tests: a 4 KiB-page map of [0x1000, 0x100000) and object ids from 1000.</summary>
internal static class VmMapKit
{
    public const ulong P = 4096;

    public static VmMap NewMap(ulong min = P, ulong max = 0x100000)
    {
        var next = 1000L;
        return new VmMap(min, max, (int)P, () => next++);
    }

    /// <summary>A map and a child sharing one id source (as machine-wide ids are).</summary>
    public static (VmMap Parent, VmMap Child) NewPair()
    {
        var next = 1000L;
        long Id() => next++;
        return (new VmMap(P, 0x100000, (int)P, Id), new VmMap(P, 0x100000, (int)P, Id));
    }

    public static ulong Alloc(VmMap map, ulong address, ulong size, bool anywhere = false)
    {
        Assert.Equal(KernReturn.Success, map.Allocate(address, size, anywhere, out var at));
        return at;
    }

    /// <summary>Maps a fresh (private) object of <paramref name="pages"/> pages at a fixed address.</summary>
    public static VmObjectRef MapObject(VmMap map, ulong address, ulong pages, long id, VmProt prot = VmProt.Read | VmProt.Write)
    {
        var obj = new VmObjectRef(id);
        Assert.Equal(KernReturn.Success, map.Map(address, pages * P, 0, false, obj, 0, false, prot, VmProt.All, VmInherit.Copy, out _));
        return obj;
    }
}
