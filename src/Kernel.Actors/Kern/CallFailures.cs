namespace MachActors.Kernel.Kern;

/// <summary>The failed answer of each kernel call's kind, for calls that cannot be served (a terminated task, a dead kernel port).</summary>
public static class CallFailures
{
    /// <summary>
    /// The answer <paramref name="request"/> gets when it fails with <paramref name="code"/>: its reply
    /// record with the code and no result, the IPC calls' own codes (a terminated space), or the bare code.
    /// </summary>
    public static object For(object request, KernReturn code) => request switch
    {
        Ipc.KernelPortCall k => For(k.Request, code),
        TaskResolve => new Ipc.PortCallReply(KernReturn.InvalidTask), // the port named no live task
        TaskCreate => new TaskCreated(code, null),
        ThreadCreate => new ThreadCreated(code, null),
        TaskInfo => new TaskInfoReply(code, null),
        VmAllocate => new VmAllocated(code, 0),
        VmRegionCall => new VmRegionReply(code, null),
        VmMapCall => new VmMapped(code, 0),
        VmMapFor => new VmMapped(code, 0),
        VmMapInto => new VmMapped(code, 0),
        MemoryObjectResolve m => For(m.Call, KernReturn.InvalidArgument), // the port is no memory object
        VmReadCall => new VmReadReply(code, 0),
        Vm.MemoryObjectCreateCall => new Vm.MemoryObjectCreated(code, Ipc.PortName.Null),
        VmTaskResolve v => For(v.Call, KernReturn.InvalidTask), // the port named no live task
        TaskThreads => new TaskThreadsReply(code, []),
        EmulatedSyscall s => new SyscallRedirect(s.Number, 0) { Raised = code },
        ThreadInfo => new ThreadInfoReply(code, null),
        ThreadJoin => new JoinResult(code, null),
        MutexAllocate => new MutexAllocated(code, null),
        ConditionAllocate => new ConditionAllocated(code, null),
        Ipc.MachMsgSend => new Ipc.MachMsgResult(Ipc.MachMsgReturn.SendInvalidDest),
        Ipc.MachMsgReceive => new Ipc.MachMsgResult(Ipc.MachMsgReturn.RcvInvalidName),
        Ipc.PortCall.Names => new Ipc.PortNamesReply(KernReturn.InvalidTask, []),
        Ipc.PortCall.GetReceiveStatus => new Ipc.PortStatus(KernReturn.InvalidTask, 0, 0, 0, 0, 0, 0, false, false, 0, 0),
        Ipc.PortCall => new Ipc.PortCallReply(KernReturn.InvalidTask),
        _ => code,
    };
}
