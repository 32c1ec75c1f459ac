using MachActors.Actors;
using MachActors.Hardware;
using MachActors.Hardware.Memory;

namespace MachActors.Kernel.Vm;

/// <summary>
/// The owner of physical memory (a child of the host, <c>/user/host/vm-resident</c>): it hosts
/// <see cref="ResidentMemory"/> (the page queues and the frames' bytes). VM objects get and free
/// frames by message; CPUs read and write frame bytes by message (<see cref="MemoryAccess"/>), after
/// translating through a TLB entry the kernel installed (docs/VM.md rule 6). Because every send is
/// causally ordered, an access a CPU sent before it acknowledged a shootdown is performed here before
/// any <see cref="FrameFree"/> that the shootdown's completion allowed: a freed frame is never
/// touched through a stale translation (property f).
/// </summary>
public sealed class VmResident : Actor
{
    private readonly ResidentMemory _resident;
    private long _accesses;

    /// <summary>The memory of a machine shaped by <paramref name="config"/>.</summary>
    public VmResident(MachineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _resident = new ResidentMemory(PhysicalMemory.Create(config));
    }

    /// <summary>
    /// FrameAllocate: answers FrameAllocated with a zero-filled active frame, or null when none may be
    /// taken. FrameFree: the frames go back to the free queue (unknown or already free ones are
    /// ignored). MemoryAccess: performed, answered MemoryAccessDone (a refusal is a code).
    /// GetVmResidentStats: the counts.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case FrameAllocate a:
                Sender.Tell(new FrameAllocated(a.RequestId, _resident.AllocateZeroed(a.Owner)), Self);
                break;
            case FrameFree f:
                foreach (var frame in f.Frames) _resident.Free(frame);
                break;
            case MemoryAccess access:
                _accesses++;
                Sender.Tell(_resident.Access(access), Self);
                break;
            case GetVmResidentStats:
                Sender.Tell(new VmResidentStats(_resident.Queues.FreeCount, _resident.AllocatedCount, _accesses), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
