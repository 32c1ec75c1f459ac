namespace MachActors.Kernel.Device;

/// <summary>The device layer's accounting since boot.</summary>
/// <param name="Opens">Successful device_open calls.</param>
/// <param name="Closes">Successful device_close calls.</param>
/// <param name="Queued">I/O requests handed to the hardware (each answered later through its sink).</param>
/// <param name="Completed">Completion interrupts turned into replies.</param>
/// <param name="Outstanding">Requests handed to the hardware and not yet completed (Queued - Completed).</param>
/// <param name="RepliesDropped">Completions whose requester was known to be gone (the sink refused the reply).</param>
/// <param name="StrayInterrupts">Interrupts that matched no outstanding request (ignored).</param>
public sealed record DeviceStats(long Opens, long Closes, long Queued, long Completed, long Outstanding, long RepliesDropped, long StrayInterrupts);
