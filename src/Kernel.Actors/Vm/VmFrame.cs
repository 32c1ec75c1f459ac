namespace MachActors.Kernel.Vm;

/// <summary>An opaque handle to one physical page frame, handed out by <see cref="IVmFrames"/>.</summary>
/// <param name="Id">The frame's identity as the allocator knows it.</param>
public readonly record struct VmFrame(long Id);
