using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>
/// Subsystem <c>netname</c> (base 1040): the name server in registered-ports slot 0 (spec section 8).
/// Names are C strings of at most 79 bytes (<c>netname_name_t</c> is 80 with the NUL). Generated:
/// <c>NetnameClient</c>, <c>NetnameServer</c>.
/// </summary>
[MigSubsystem("netname", 1040)]
public interface INetname
{
    /// <summary>netname_check_in (1040): registers <paramref name="portId"/> under a name, guarded by a signature port.</summary>
    /// <param name="serverPort">The name server's port.</param>
    /// <param name="portName">The name.</param>
    /// <param name="signature">A port whose holder may later check the name out.</param>
    /// <param name="portId">The port to register (a send right made from the caller's receive right).</param>
    /// <returns>The name server's code.</returns>
    [MigRoutine]
    NetnameReturn CheckIn(PortName serverPort, [MigMaxCount(79)] string portName, [MigPort(MsgType.CopySend)] PortName signature, [MigPort(MsgType.MakeSend)] PortName portId);

    /// <summary>netname_look_up (1041): a send right to the port registered under a name.</summary>
    /// <param name="serverPort">The name server's port.</param>
    /// <param name="hostName">The host ("" or "*" for this one).</param>
    /// <param name="portName">The name.</param>
    /// <param name="portId">A send right to the registered port.</param>
    /// <returns>The name server's code.</returns>
    [MigRoutine]
    NetnameReturn LookUp(PortName serverPort, [MigMaxCount(79)] string hostName, [MigMaxCount(79)] string portName, [MigPort(MsgType.MoveSend)] out PortName portId);

    /// <summary>netname_check_out (1042): removes a name; the signature must match the check-in's.</summary>
    /// <param name="serverPort">The name server's port.</param>
    /// <param name="portName">The name.</param>
    /// <param name="signature">The signature port given at check-in.</param>
    /// <returns>The name server's code.</returns>
    [MigRoutine]
    NetnameReturn CheckOut(PortName serverPort, [MigMaxCount(79)] string portName, [MigPort(MsgType.CopySend)] PortName signature);

    /// <summary>netname_version (1043): the server's version string.</summary>
    /// <param name="serverPort">The name server's port.</param>
    /// <param name="version">The version.</param>
    /// <returns>The name server's code.</returns>
    [MigRoutine]
    NetnameReturn Version(PortName serverPort, [MigMaxCount(79)] out string version);
}
