namespace MachActors.Kernel.Ipc;

/// <summary>
/// The task's address space as copyin and copyout of out-of-line memory see it (<see cref="MsgItem.Memory"/>,
/// <see cref="KernelItem.Memory"/>). Implemented by the task that hosts the space; a space without one
/// refuses out-of-line memory (SendInvalidMemory).
/// </summary>
public interface IMessageMemory
{
    /// <summary>Whether [address, address + length) can be copied in (every page mapped and readable); changes nothing.</summary>
    /// <returns>Success, or SendInvalidMemory.</returns>
    MachMsgReturn CheckCopyin(ulong address, ulong length);

    /// <summary>A virtual copy of [address, address + length) (its references taken); null when the range cannot be copied (nothing taken then).</summary>
    KernelItem.Memory? Copyin(ulong address, ulong length);

    /// <summary>Removes the pages of [address, address + length) from the address space (an out-of-line region with the deallocate bit, once the message is copied in).</summary>
    void Deallocate(ulong address, ulong length);

    /// <summary>Drops a copy that will not be sent or mapped (its references released).</summary>
    void Discard(KernelItem.Memory memory);

    /// <summary>Maps <paramref name="memory"/> anywhere; <paramref name="address"/> is its first user byte. False when it does not fit: the copy is discarded.</summary>
    bool Copyout(KernelItem.Memory memory, out ulong address);
}
