namespace MachActors.Kernel.Kern;

/// <summary>Base of every kernel call record, so that host code can send calls directly (Ask) as well as through traps.</summary>
public abstract record KernelRequest;
