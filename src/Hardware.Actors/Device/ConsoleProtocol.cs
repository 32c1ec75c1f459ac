namespace MachActors.Hardware.Device;

/// <summary>
/// Requester -> <see cref="ConsoleDevice"/>: write <paramref name="Data"/> (UTF-8 text). Writes are
/// sent one at a time in arrival order, each taking ByteTime per byte; answered by a
/// <see cref="ConsoleInterrupt"/> when done.
/// </summary>
/// <param name="RequestId">The requester's id, echoed in the interrupt.</param>
/// <param name="Data">The bytes; the console copies them on arrival.</param>
public sealed record ConsoleWrite(long RequestId, ReadOnlyMemory<byte> Data);

/// <summary>
/// Requester -> <see cref="ConsoleDevice"/>: read at most <paramref name="MaxBytes"/> bytes of input,
/// at most one line (a line's newline is its last byte). With input buffered it completes at once;
/// otherwise it waits for input, or fails at once with <see cref="IoStatus.WouldBlock"/> when
/// <paramref name="NoWait"/>. After the end of input it completes with 0 bytes.
/// </summary>
/// <param name="RequestId">The requester's id, echoed in the interrupt.</param>
/// <param name="MaxBytes">Most bytes wanted; must be positive (else <see cref="IoStatus.InvalidSize"/>).</param>
/// <param name="NoWait">Fail rather than wait (Mach's D_NOWAIT).</param>
public sealed record ConsoleRead(long RequestId, int MaxBytes, bool NoWait);

/// <summary>
/// Console -> requester: the completion interrupt of one request. It is the only thing the console
/// sends about a request; the kernel's device layer turns it into the reply.
/// </summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Operation">Read or write.</param>
/// <param name="Status">Success or the failure's code.</param>
/// <param name="Bytes">Bytes transferred.</param>
/// <param name="Data">For a read, a fresh copy of the input taken; empty otherwise.</param>
public sealed record ConsoleInterrupt(long RequestId, IoOperation Operation, IoStatus Status, int Bytes, ReadOnlyMemory<byte> Data);

/// <summary>
/// Host -> <see cref="ConsoleDevice"/>: a line of input typed now (the host reads stdin outside the
/// actor system and passes each line on). The console adds the newline.
/// </summary>
/// <param name="Text">The line, without its newline.</param>
public sealed record ConsoleInput(string Text);

/// <summary>Host -> <see cref="ConsoleDevice"/>: input has ended (stdin closed); waiting and later reads get 0 bytes.</summary>
public sealed record ConsoleInputEnd
{
    /// <summary>The one instance.</summary>
    public static readonly ConsoleInputEnd Instance = new();
}

/// <summary>Anyone -> <see cref="ConsoleDevice"/>: reply with <see cref="ConsoleStats"/>.</summary>
public sealed record GetConsoleStats
{
    /// <summary>The one instance.</summary>
    public static readonly GetConsoleStats Instance = new();
}

/// <summary>A console's statistics since it was created.</summary>
/// <param name="Writes">Writes completed.</param>
/// <param name="BytesWritten">Bytes written.</param>
/// <param name="Reads">Reads completed with data or end of file.</param>
/// <param name="BytesRead">Bytes read.</param>
/// <param name="InputLines">Lines of input received (scripted and host-fed).</param>
/// <param name="WouldBlock">Reads refused with <see cref="IoStatus.WouldBlock"/>.</param>
/// <param name="PendingReads">Reads waiting for input now.</param>
/// <param name="Buffered">Input bytes not yet read.</param>
/// <param name="InputEnded">Whether input has ended.</param>
public sealed record ConsoleStats(long Writes, long BytesWritten, long Reads, long BytesRead, long InputLines, long WouldBlock,
    int PendingReads, int Buffered, bool InputEnded);
