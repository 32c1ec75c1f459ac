using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.Vm;

/// <summary>
/// memory_object_create for a task pager (docs/VM.md, "Task pagers"): a thread asks its task to make a
/// memory object whose pager is the task holding the receive right of <paramref name="PagerPort"/>.
/// Answered <see cref="MemoryObjectCreated"/>: a send right to the new memory object port (for vm_map,
/// or to hand to other tasks). Codes: InvalidName (no send right under <paramref name="PagerPort"/>).
/// </summary>
/// <param name="PagerPort">The pager's port, named in the caller's space; the kernel's memory_object calls go there.</param>
/// <param name="Key">The pager's name for the object (carried in memory_object_init).</param>
public sealed record MemoryObjectCreateCall(PortName PagerPort, long Key) : KernelRequest;

/// <summary>The answer to <see cref="MemoryObjectCreateCall"/>.</summary>
/// <param name="Result">Success or the failure.</param>
/// <param name="MemoryObject">The memory object port's name in the caller's space (NULL on failure).</param>
public sealed record MemoryObjectCreated(KernReturn Result, PortName MemoryObject);

/// <summary>Bridge -> its task: the memory object port for the caller is made; name it in the caller's space and answer.</summary>
/// <param name="MemoryObject">The memory object port.</param>
/// <param name="Reply">The caller of memory_object_create.</param>
internal sealed record TaskPagerBound(PortRef MemoryObject, CallerReply Reply);

/// <summary>Test hook: how many pager bridges the task holds (live ones only). Answered with an <see cref="int"/>.</summary>
internal sealed record TaskPagerBridgeCount : KernelRequest;

/// <summary>Reply relay -> its bridge: send <paramref name="Completion"/> through <paramref name="To"/> (the call's reply_to right, now the bridge's).</summary>
/// <param name="Completion">supply_completed, lock_completed or change_completed.</param>
/// <param name="To">The reply port's right.</param>
internal sealed record TaskPagerReplyDue(PagerMessage Completion, CarriedRight To);

/// <summary>Bridge -> a reply relay: its incarnation ended before any completion came; stop (the right is released).</summary>
internal sealed record TaskPagerReplyExpired
{
    /// <summary>The one instance.</summary>
    public static readonly TaskPagerReplyExpired Instance = new();
}
