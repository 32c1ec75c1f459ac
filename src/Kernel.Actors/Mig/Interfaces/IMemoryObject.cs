using System.Collections.Immutable;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// Subsystem <c>memory_object</c> (base 2200): the kernel's calls to a pager that is a task (docs/VM.md,
/// "Task pagers"), all simpleroutines, sent to the pager's port by the kernel's bridge. Slots follow
/// Mach's memory_object.defs: init 2200, terminate 2201, data_request 2203, data_unlock 2204,
/// lock_completed 2206, supply_completed 2207, data_return 2208 (its data out of line), change_completed 2209 (copy 2202 and
/// data_write 2205 are skipped). Every call but change_completed and terminate carries a send right to the
/// incarnation's control port, terminate its receive right, as in Mach. Generated: <c>MemoryObjectClient</c>, <c>MemoryObjectServer</c>.
/// </summary>
[MigSubsystem("memory_object", 2200)]
public interface IMemoryObject
{
    /// <summary>memory_object_init (2200): first use of the object by this kernel; the pager answers ready.</summary>
    /// <param name="memoryObject">The pager's port.</param>
    /// <param name="memoryControl">The new incarnation's control port.</param>
    /// <param name="key">The pager's key for the object (given when the memory object was made).</param>
    /// <param name="name">The object's name (an identity token).</param>
    /// <param name="pageSize">The kernel's page size.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(0)]
    KernReturn MemoryObjectInit(PortName memoryObject, [MigPort(MsgType.MakeSend)] PortName memoryControl, long key, long name, int pageSize);

    /// <summary>memory_object_terminate (2201): the last message of an incarnation; it hands the control port's receive right to the pager, as Mach's.</summary>
    /// <param name="memoryObject">The pager's port.</param>
    /// <param name="memoryControl">The ended incarnation's control port (its receive right).</param>
    /// <param name="name">The object's name.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(1)]
    KernReturn MemoryObjectTerminate(PortName memoryObject, [MigPort(MsgType.MoveReceive)] PortName memoryControl, long name);

    /// <summary>memory_object_data_request (2203): a cache miss; answer data_supply, data_unavailable or data_error.</summary>
    /// <param name="memoryObject">The pager's port.</param>
    /// <param name="memoryControl">The incarnation's control port.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="length">Bytes (one page).</param>
    /// <param name="desiredAccess">The access the fault needs .</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(3)]
    KernReturn MemoryObjectDataRequest(PortName memoryObject, [MigPort(MsgType.MakeSend)] PortName memoryControl, long offset, long length, VmProt desiredAccess);

    /// <summary>memory_object_data_unlock (2204): a resident page's lock forbids <paramref name="desiredAccess"/>.</summary>
    /// <param name="memoryObject">The pager's port.</param>
    /// <param name="memoryControl">The incarnation's control port.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="length">Bytes (one page).</param>
    /// <param name="desiredAccess">The accesses asked for .</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(4)]
    KernReturn MemoryObjectDataUnlock(PortName memoryObject, [MigPort(MsgType.MakeSend)] PortName memoryControl, long offset, long length, VmProt desiredAccess);

    /// <summary>memory_object_lock_completed (2206): a lock_request that asked for it is done.</summary>
    /// <param name="memoryObject">The pager's port.</param>
    /// <param name="memoryControl">The incarnation's control port.</param>
    /// <param name="offset">The request's offset.</param>
    /// <param name="length">The request's size.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(6)]
    KernReturn MemoryObjectLockCompleted(PortName memoryObject, [MigPort(MsgType.MakeSend)] PortName memoryControl, long offset, long length);

    /// <summary>memory_object_supply_completed (2207): a data_supply that asked for it is done.</summary>
    /// <param name="memoryObject">The pager's port.</param>
    /// <param name="memoryControl">The incarnation's control port.</param>
    /// <param name="offset">The supply's offset.</param>
    /// <param name="length">The supply's length.</param>
    /// <param name="result">Success, or MemoryPresent when a page was refused.</param>
    /// <param name="errorOffset">The first refused page.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(7)]
    KernReturn MemoryObjectSupplyCompleted(PortName memoryObject, [MigPort(MsgType.MakeSend)] PortName memoryControl, long offset, long length, KernReturn result, long errorOffset);

    /// <summary>memory_object_data_return (2208): a page leaves (or is cleaned); the pager owns the bytes.</summary>
    /// <param name="memoryObject">The pager's port.</param>
    /// <param name="memoryControl">The incarnation's control port.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="data">The page (out of line, as Mach's <c>pointer_t</c>: the kernel returns one page per call today).</param>
    /// <param name="dirty">The page was modified.</param>
    /// <param name="kernelCopy">The kernel kept a copy.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(8)]
    KernReturn MemoryObjectDataReturn(PortName memoryObject, [MigPort(MsgType.MakeSend)] PortName memoryControl, long offset, [MigOutOfLine] ImmutableArray<byte> data, bool dirty, bool kernelCopy);

    /// <summary>memory_object_change_completed (2209): change_attributes is done (no control port, as in the spec).</summary>
    /// <param name="memoryObject">The pager's port.</param>
    /// <param name="mayCache">may_cache now.</param>
    /// <param name="copyStrategy">The copy strategy now.</param>
    /// <returns>KERN_SUCCESS when the server consumed the message.</returns>
    [MigSimpleRoutine(9)]
    KernReturn MemoryObjectChangeCompleted(PortName memoryObject, bool mayCache, VmCopyStrategy copyStrategy);
}
