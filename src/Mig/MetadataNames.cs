namespace MachActors.Mig;

/// <summary>The runtime types the generator recognises, by metadata name (it never loads the kernel).</summary>
internal static class MetadataNames
{
    public const string Subsystem = "MachActors.Kernel.Mig.MigSubsystemAttribute";
    public const string Routine = "MachActors.Kernel.Mig.MigRoutineAttribute";
    public const string SimpleRoutine = "MachActors.Kernel.Mig.MigSimpleRoutineAttribute";
    public const string Skip = "MachActors.Kernel.Mig.MigSkipAttribute";
    public const string Port = "MachActors.Kernel.Mig.MigPortAttribute";
    public const string OutOfLine = "MachActors.Kernel.Mig.MigOutOfLineAttribute";
    public const string MaxCount = "MachActors.Kernel.Mig.MigMaxCountAttribute";
    public const string ReplyHandle = "MachActors.Kernel.Mig.MigReplyHandle";
    public const string PortName = "MachActors.Kernel.Ipc.PortName";
    public const string ImmutableArray = "System.Collections.Immutable.ImmutableArray`1";

    /// <summary>MsgType.CopySend: a port's disposition when none is declared.</summary>
    public const int CopySend = 19;

    /// <summary>MsgType.PortNameOnly, the lowest body disposition.</summary>
    public const int PortNameOnly = 15;

    /// <summary>MsgType.MakeSendOnce, the highest disposition.</summary>
    public const int MakeSendOnce = 21;

    /// <summary>MsgType.MoveSend, the lowest send-type disposition (a request port needs one).</summary>
    public const int MoveSend = 17;
}
