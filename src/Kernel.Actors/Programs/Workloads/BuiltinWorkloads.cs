namespace MachActors.Kernel.Programs.Workloads;

/// <summary>The built-in workloads, by name, for the CLI, tests and benchmarks.</summary>
public static class BuiltinWorkloads
{
    /// <summary>The workload <c>machactors run</c> runs when none is named.</summary>
    public const string Default = ComputeWorkload.Name;

    /// <summary>A fresh registry holding every built-in workload with its description.</summary>
    public static ProgramRegistry Registry() => new ProgramRegistry()
        .Register(ComputeWorkload.Name, ComputeWorkload.Run, ComputeWorkload.Description)
        .Register(InteractiveWorkload.Name, InteractiveWorkload.Run, InteractiveWorkload.Description)
        .Register(SuspendWorkload.Name, SuspendWorkload.Run, SuspendWorkload.Description)
        .Register(IpcWorkload.Name, IpcWorkload.Run, IpcWorkload.Description)
        .Register(PagingWorkload.Name, PagingWorkload.Run, PagingWorkload.Description)
        .Register(PagerWorkload.Name, PagerWorkload.Run, PagerWorkload.Description);

    /// <summary>True for the workloads that need a machine with swap (<see cref="PagingWorkload.WithSwap"/>) and few frames.</summary>
    public static bool NeedsSwap(string name) => name == PagingWorkload.Name;

    /// <summary>True for the workloads that map a memory object the host must publish first (<see cref="PagerWorkload.MemoryObjectName"/>).</summary>
    public static bool NeedsPager(string name) => name == PagerWorkload.Name;
}
