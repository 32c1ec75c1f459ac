namespace MachActors.Kernel;

/// <summary>
/// A snapshot of the machine's IPC counters (<see cref="MachineStatus.Ipc"/>): observation only, for
/// host code and reports.
/// </summary>
/// <param name="MessagesSent">mach_msg sends by threads that the kernel accepted (copied in and sent to the port, kernel ports included).</param>
/// <param name="Rpcs">Of those, the sends of an RPC (mach_msg SEND|RCV: MIG calls, user RPCs, a server's reply-and-receive).</param>
/// <param name="MessagesReceived">Messages threads received (copied out into their space).</param>
/// <param name="SendsBlocked">Sends that found the queue full (at its qlimit) and parked their thread.</param>
/// <param name="Notifications">Notifications the kernel sent to ports programs allocated (dead-name, no-senders, send-once, port-deleted, port-destroyed).</param>
/// <param name="PortsCreated">Ports programs allocated (mach_port_allocate / mach_reply_port receive rights).</param>
/// <param name="PortsDestroyed">Of those, the ports that died (receive right destroyed).</param>
public sealed record IpcCounts(long MessagesSent, long Rpcs, long MessagesReceived, long SendsBlocked, long Notifications, long PortsCreated, long PortsDestroyed);
