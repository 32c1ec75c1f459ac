using System.Collections.Immutable;
using MachActors.Actors.Timing;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.Vm;

namespace MachActors.Kernel.User;

/// <summary>
/// What a task pager does with each kernel call (docs/VM.md, "Task pagers"). The control port's name
/// stays valid from init to terminate; answers go through <see cref="TaskPagerLoop.Control"/>. The
/// calls a simple pager does not need default to nothing.
/// </summary>
public interface ITaskPager
{
    /// <summary>memory_object_init: answer ready (or destroy).</summary>
    /// <param name="control">The incarnation's control port.</param>
    /// <param name="key">The key given to memory_object_create.</param>
    /// <param name="pageSize">The kernel's page size.</param>
    /// <returns>When handled.</returns>
    Task Init(PortName control, long key, int pageSize);

    /// <summary>memory_object_data_request: answer data_supply, data_unavailable or data_error.</summary>
    /// <param name="control">The control port.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="length">Bytes (one page).</param>
    /// <param name="access">The access the fault needs.</param>
    /// <returns>When handled.</returns>
    Task DataRequest(PortName control, long offset, long length, VmProt access);

    /// <summary>memory_object_data_return: keep the page's bytes.</summary>
    /// <param name="control">The control port.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="data">The page.</param>
    /// <param name="dirty">It was modified.</param>
    /// <returns>When handled.</returns>
    Task DataReturn(PortName control, long offset, ImmutableArray<byte> data, bool dirty);

    /// <summary>memory_object_terminate: the incarnation ended; the call hands the control port's receive right to the pager, and the loop destroys the port after the handler.</summary>
    /// <param name="control">The ended incarnation's control port, under the name init gave (the pager may deallocate its send right from init; the loop destroys the rest).</param>
    /// <returns>When handled.</returns>
    Task Terminate(PortName control) => Task.CompletedTask;

    /// <summary>memory_object_data_unlock: relax the page's lock with lock_request, or not.</summary>
    /// <param name="control">The control port.</param>
    /// <param name="offset">Page-aligned offset.</param>
    /// <param name="access">The accesses asked for.</param>
    /// <returns>When handled.</returns>
    Task DataUnlock(PortName control, long offset, VmProt access) => Task.CompletedTask;

    /// <summary>memory_object_lock_completed, supply_completed or change_completed (the id tells which).</summary>
    /// <param name="control">The control port (NULL for change_completed).</param>
    /// <param name="id">The message id (2206, 2207, 2209).</param>
    /// <returns>When handled.</returns>
    Task Completed(PortName control, int id) => Task.CompletedTask;
}

/// <summary>
/// The server loop of a task pager: receives the kernel's <c>memory_object</c> calls on the pager port,
/// demuxes them with the generated <c>MemoryObjectServer</c>, and runs the <see cref="ITaskPager"/>
/// handler. Each call brings one more send right to its control port; the loop drops it after the
/// handler, so a pager holds one (from init) per live incarnation; terminate brings the receive right,
/// and the loop destroys the port after the handler. A message that is no memory_object
/// call is destroyed.
/// </summary>
/// <param name="env">The pager thread's environment.</param>
/// <param name="pagerPort">The pager port (a receive right).</param>
/// <param name="pager">The handlers.</param>
public sealed class TaskPagerLoop(MachEnv env, PortName pagerPort, ITaskPager pager)
{
    private readonly Dictionary<long, PortName> _controls = []; // object name -> the live incarnation's control name (from init)

    /// <summary>The stubs of the control port's calls (data_supply, ready, lock_request, ...).</summary>
    public MemoryObjectControlClient Control { get; } = new(env);

    /// <summary>Serves one call; the receive's code (Success, or the failure that ended it, e.g. a destroyed port).</summary>
    /// <param name="timeout">The receive's timeout (virtual time); null waits for ever.</param>
    /// <returns>The receive's code.</returns>
    public async Task<MachMsgReturn> ServeOnce(Duration? timeout = null)
    {
        var received = await env.Receive(pagerPort, timeout);
        if (received.Return != MachMsgReturn.Success || received.Message is not { } message) return received.Return;
        await Handle(message);
        return MachMsgReturn.Success;
    }

    /// <summary>
    /// Serves one call already received (a pager whose port is in a port set receives on the set and hands
    /// the pager port's messages here): demux, the handler, then the call's extra control-port right is
    /// dropped. A message that is no memory_object call is destroyed.
    /// </summary>
    /// <param name="message">A message received on the pager port.</param>
    /// <returns>When handled.</returns>
    public async Task Handle(MachMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var call = new Call(_controls);
        MemoryObjectServer.Demux(message, call);
        if (call.Run is not { } run)
        {
            await env.MachMsgDestroy(message);
            return;
        }
        await run(pager);
        if (call.Control == PortName.Null || message.Header.Id == 2200) return;
        if (message.Header.Id == 2201) await env.PortDestroy(call.Control); // terminate brought the receive right: the port dies with what is queued on it
        else await env.PortDeallocate(call.Control);
    }

    /// <summary>Serves calls until a receive fails (the pager port was destroyed, or <paramref name="timeout"/> passed with nothing); that code.</summary>
    /// <param name="timeout">Each receive's timeout; null waits for ever.</param>
    /// <returns>The failing receive's code.</returns>
    public async Task<MachMsgReturn> Run(Duration? timeout = null)
    {
        while (true)
        {
            var code = await ServeOnce(timeout);
            if (code != MachMsgReturn.Success) return code;
        }
    }

    /// <summary>Captures what the demux unmarshalled as a handler call to make after it.</summary>
    private sealed class Call(Dictionary<long, PortName> controls) : IMemoryObject
    {
        public Func<ITaskPager, Task>? Run { get; private set; }

        public PortName Control { get; private set; }

        public KernReturn MemoryObjectInit(PortName memoryObject, PortName memoryControl, long key, long name, int pageSize)
        {
            controls[name] = memoryControl;
            return Set(memoryControl, p => p.Init(memoryControl, key, pageSize));
        }

        /// <summary>Terminate carries the control port's receive right, which joins the name init gave; the handler gets that name (found by the object's name, should the pager have dropped init's right).</summary>
        public KernReturn MemoryObjectTerminate(PortName memoryObject, PortName memoryControl, long name)
        {
            var control = controls.Remove(name, out var known) ? known : memoryControl;
            Set(memoryControl, p => p.Terminate(control));
            return KernReturn.Success;
        }

        public KernReturn MemoryObjectDataRequest(PortName memoryObject, PortName memoryControl, long offset, long length, VmProt desiredAccess) =>
            Set(memoryControl, p => p.DataRequest(memoryControl, offset, length, desiredAccess));

        public KernReturn MemoryObjectDataUnlock(PortName memoryObject, PortName memoryControl, long offset, long length, VmProt desiredAccess) =>
            Set(memoryControl, p => p.DataUnlock(memoryControl, offset, desiredAccess));

        public KernReturn MemoryObjectLockCompleted(PortName memoryObject, PortName memoryControl, long offset, long length) =>
            Set(memoryControl, p => p.Completed(memoryControl, 2206));

        public KernReturn MemoryObjectSupplyCompleted(PortName memoryObject, PortName memoryControl, long offset, long length, KernReturn result, long errorOffset) =>
            Set(memoryControl, p => p.Completed(memoryControl, 2207));

        public KernReturn MemoryObjectDataReturn(PortName memoryObject, PortName memoryControl, long offset, ImmutableArray<byte> data, bool dirty, bool kernelCopy) =>
            Set(memoryControl, p => p.DataReturn(memoryControl, offset, data, dirty));

        public KernReturn MemoryObjectChangeCompleted(PortName memoryObject, bool mayCache, VmCopyStrategy copyStrategy) =>
            Set(PortName.Null, p => p.Completed(PortName.Null, 2209));

        private KernReturn Set(PortName control, Func<ITaskPager, Task> run)
        {
            Control = control;
            Run = run;
            return KernReturn.Success;
        }
    }
}
