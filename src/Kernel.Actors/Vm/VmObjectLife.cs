namespace MachActors.Kernel.Vm;

/// <summary>A VM object's life cycle (I10, I11).</summary>
public enum VmObjectLife
{
    /// <summary>In use.</summary>
    Active,

    /// <summary>Termination started; waits for paging in progress to reach zero.</summary>
    Terminating,

    /// <summary>terminate was emitted; a new binding starts a new incarnation.</summary>
    Terminated,
}
