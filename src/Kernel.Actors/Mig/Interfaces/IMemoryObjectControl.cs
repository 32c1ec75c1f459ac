using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// Subsystem <c>memory_object_control</c> (base 2090): a task pager's calls on a control port
/// (docs/VM.md, "Task pagers"), all simpleroutines. Mach declares them inside <c>mach.defs</c>; here
/// they are their own subsystem so a control port serves only them. Slots: data_error 2090,
/// data_unavailable 2091, data_supply 2092, ready 2093, change_attributes 2094, lock_request 2095,
/// destroy 2096; the reply_to forms data_supply 2097, change_attributes 2098, lock_request 2099. Mach's
/// reply_to port comes two ways: the <c>reply</c> flag of 2092, 2094, 2095 (when set, the completion:
/// supply_completed, lock_completed, change_completed, goes to the pager's own port), and the
/// <c>replyTo</c> port of 2097..2099 (a send-once right made from a port the pager receives on: the
/// completion goes there, once).
/// Generated: <c>MemoryObjectControlClient</c>, <c>MemoryObjectControlServer</c>.
/// </summary>
[MigSubsystem("memory_object_control", 2090)]
public interface IMemoryObjectControl
{
    /// <summary>memory_object_data_error (2090): the data cannot be had; waiting faults take a memory error.</summary>
    /// <param name="memoryControl">The control port.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="size">Bytes (whole pages).</param>
    /// <param name="error">The pager's reason.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(0)]
    KernReturn MemoryObjectDataError(PortName memoryControl, long offset, long size, KernReturn error);

    /// <summary>memory_object_data_unavailable (2091): no data here; faults zero-fill (or go down the shadow chain).</summary>
    /// <param name="memoryControl">The control port.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="size">Bytes (whole pages).</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(1)]
    KernReturn MemoryObjectDataUnavailable(PortName memoryControl, long offset, long size);

    /// <summary>memory_object_data_supply (2092): whole pages (one or several) from <paramref name="offset"/> on, out of line as in Mach.</summary>
    /// <param name="memoryControl">The control port.</param>
    /// <param name="offset">Page-aligned offset of the first page.</param>
    /// <param name="data">The pages' bytes (a whole number of pages, out of line: an inline array is refused).</param>
    /// <param name="lockValue">Accesses prohibited on the supplied pages.</param>
    /// <param name="precious">The kernel holds the only copy.</param>
    /// <param name="reply">Send supply_completed to the pager.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(2)]
    KernReturn MemoryObjectDataSupply(PortName memoryControl, long offset, [MigOutOfLine] ImmutableArray<byte> data, VmProt lockValue, bool precious, bool reply);

    /// <summary>memory_object_ready (2093): the object is usable.</summary>
    /// <param name="memoryControl">The control port.</param>
    /// <param name="mayCache">Keep the object after the last unmap.</param>
    /// <param name="copyStrategy">The copy strategy.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(3)]
    KernReturn MemoryObjectReady(PortName memoryControl, bool mayCache, VmCopyStrategy copyStrategy);

    /// <summary>memory_object_change_attributes (2094): as ready; change_completed when <paramref name="reply"/>.</summary>
    /// <param name="memoryControl">The control port.</param>
    /// <param name="mayCache">may_cache.</param>
    /// <param name="copyStrategy">The copy strategy.</param>
    /// <param name="reply">Send change_completed to the pager.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(4)]
    KernReturn MemoryObjectChangeAttributes(PortName memoryControl, bool mayCache, VmCopyStrategy copyStrategy, bool reply);

    /// <summary>memory_object_lock_request (2095): per page lock, return, flush; lock_completed when <paramref name="reply"/>.</summary>
    /// <param name="memoryControl">The control port.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="size">Bytes (whole pages).</param>
    /// <param name="shouldReturn">Which pages go back with data_return.</param>
    /// <param name="shouldFlush">Discard the pages afterwards.</param>
    /// <param name="lockValue">The new page lock; -1 for VM_PROT_NO_CHANGE.</param>
    /// <param name="reply">Send lock_completed to the pager.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(5)]
    KernReturn MemoryObjectLockRequest(PortName memoryControl, long offset, long size, LockReturnPolicy shouldReturn, bool shouldFlush, int lockValue, bool reply);

    /// <summary>memory_object_data_supply with a reply_to port (2097): as 2092; supply_completed goes to <paramref name="replyTo"/>.</summary>
    /// <param name="memoryControl">The control port.</param>
    /// <param name="offset">Page-aligned offset of the first page.</param>
    /// <param name="data">The pages' bytes (a whole number of pages, out of line).</param>
    /// <param name="lockValue">Accesses prohibited on the supplied pages.</param>
    /// <param name="precious">The kernel holds the only copy.</param>
    /// <param name="replyTo">Where supply_completed goes (a send-once right made from the pager's receive right).</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(7)]
    KernReturn MemoryObjectDataSupplyTo(PortName memoryControl, long offset, [MigOutOfLine] ImmutableArray<byte> data, VmProt lockValue, bool precious, [MigPort(MsgType.MakeSendOnce)] PortName replyTo);

    /// <summary>memory_object_change_attributes with a reply_to port (2098): as 2094; change_completed goes to <paramref name="replyTo"/>.</summary>
    /// <param name="memoryControl">The control port.</param>
    /// <param name="mayCache">may_cache.</param>
    /// <param name="copyStrategy">The copy strategy.</param>
    /// <param name="replyTo">Where change_completed goes (a send-once right).</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(8)]
    KernReturn MemoryObjectChangeAttributesTo(PortName memoryControl, bool mayCache, VmCopyStrategy copyStrategy, [MigPort(MsgType.MakeSendOnce)] PortName replyTo);

    /// <summary>memory_object_lock_request with a reply_to port (2099): as 2095; lock_completed goes to <paramref name="replyTo"/>.</summary>
    /// <param name="memoryControl">The control port.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="size">Bytes (whole pages).</param>
    /// <param name="shouldReturn">Which pages go back with data_return.</param>
    /// <param name="shouldFlush">Discard the pages afterwards.</param>
    /// <param name="lockValue">The new page lock; -1 for VM_PROT_NO_CHANGE.</param>
    /// <param name="replyTo">Where lock_completed goes (a send-once right).</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(9)]
    KernReturn MemoryObjectLockRequestTo(PortName memoryControl, long offset, long size, LockReturnPolicy shouldReturn, bool shouldFlush, int lockValue, [MigPort(MsgType.MakeSendOnce)] PortName replyTo);

    /// <summary>memory_object_destroy (2096): shut the object down despite mappings; terminate follows.</summary>
    /// <param name="memoryControl">The control port.</param>
    /// <param name="reason">Ignored.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(6)]
    KernReturn MemoryObjectDestroy(PortName memoryControl, KernReturn reason);
}
