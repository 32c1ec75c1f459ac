using MachActors.Hardware.Execution;
using MachActors.Hardware.Memory;

namespace MachActors.Hardware.Cpu;

/// <summary>
/// Memory traps: the CPU's TLB translates; a hit sends the access to the owner of physical memory
/// (<see cref="MemoryAccess"/>), a miss or a protection fault asks the address space's kernel object
/// (<see cref="MemoryFault"/> inside a kernel call). The thread counts as in a kernel call throughout
/// (preemption waits). A shootdown is applied at once between turns: an access already sent was sent
/// before the ack, so the memory performs it before anything the shootdown's completion allowed.
/// </summary>
public sealed partial class Cpu
{
    private const int InvalidAddressCode = 1;
    private const int ProtectionFailureCode = 2;
    private const int InvalidArgumentCode = 4;

    private readonly Tlb _tlb = new();
    private MemoryTrap? _memoryTrap;

    /// <summary>This CPU's TLB statistics.</summary>
    public TlbStats TlbStats => _tlb.Stats;

    private void StartMemory(MemoryTrap trap)
    {
        _inKernelCall = true;
        _callId++;
        _memoryTrap = trap;
        var pageSize = (ulong)_config.PageSize;
        var length = trap.IsWrite ? trap.Data.Length : trap.Length;
        if (length < 0 || (trap.Address % pageSize) + (ulong)length > pageSize)
        {
            FinishMemory(MemoryTrapResult.Bad(InvalidArgumentCode));
            return;
        }
        Translate();
    }

    private void Translate()
    {
        var trap = _memoryTrap!;
        var pageSize = (ulong)_config.PageSize;
        var page = (long)(trap.Address / pageSize);
        var access = trap.IsWrite ? PageAccess.Write : PageAccess.Read;
        if (_tlb.Lookup(trap.PmapId, page, access, out var entry) == TlbResult.Hit)
        {
            trap.Memory.Tell(new MemoryAccess(_callId, entry.Frame, (int)(trap.Address % pageSize), trap.Length, trap.Data), Self);
            return;
        }
        var fault = new MemoryFault(Id, trap.PmapId, page, access);
        trap.Server.Tell(new KernelCall(_callId, _thread!.ThreadId, _scheduler ?? Context.System.DeadLetters, fault), Self);
    }

    private void Translated(MemoryTranslation translation)
    {
        var trap = _memoryTrap!;
        var access = trap.IsWrite ? PageAccess.Write : PageAccess.Read;
        if ((translation.Access & access) != access)
        {
            FinishMemory(MemoryTrapResult.Bad(ProtectionFailureCode));
            return;
        }
        _tlb.Insert(trap.PmapId, translation.Page, translation.Frame, translation.Access);
        Translate();
    }

    private void FinishMemory(MemoryTrapResult result)
    {
        _inKernelCall = false;
        _memoryTrap = null;
        _thread!.SetResult(result);
        _thread.RemainingCycles += _config.TrapCycles;
        Continue();
    }
}
