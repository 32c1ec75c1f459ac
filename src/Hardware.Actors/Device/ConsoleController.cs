using System.Text;
using MachActors.Actors;
using MachActors.Actors.Timing;

namespace MachActors.Hardware.Device;

/// <summary>
/// The decision logic of a <see cref="ConsoleDevice"/>, without actors: the input buffer with the
/// reads waiting on it (line at a time, FIFO), and the output queue served one write at a time.
/// Every method returns the completion interrupts to send and their requesters; it never sends.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. Reads wait only while the buffer is empty and input has not ended, so waiting reads and
///    buffered input never coexist; waiting reads complete in arrival order.
/// 2. Every read and write completes exactly once.
/// </remarks>
public sealed class ConsoleController
{
    private readonly Queue<byte> _input = new();
    private readonly Queue<(long RequestId, int MaxBytes, IActorRef Requester)> _waiting = new();
    private readonly Queue<(long RequestId, byte[] Data, IActorRef Requester)> _output = new();
    private (long RequestId, byte[] Data, IActorRef Requester)? _writing;
    private long _writes, _bytesWritten, _reads, _bytesRead, _lines, _wouldBlock;

    /// <summary>Whether input has ended.</summary>
    public bool InputEnded { get; private set; }

    /// <summary>Whether a write is in progress.</summary>
    public bool Writing => _writing is not null;

    /// <summary>
    /// A read: invalid size, data now, end of file, or would-block complete at once (returned);
    /// otherwise the read waits (null).
    /// </summary>
    public (ConsoleInterrupt Interrupt, IActorRef Requester)? Read(long requestId, int maxBytes, bool noWait, IActorRef requester)
    {
        if (maxBytes <= 0) return (Fail(requestId, IoOperation.Read, IoStatus.InvalidSize), requester);
        if (_input.Count > 0 || InputEnded) return (TakeLine(requestId, maxBytes), requester);
        if (noWait)
        {
            _wouldBlock++;
            return (Fail(requestId, IoOperation.Read, IoStatus.WouldBlock), requester);
        }
        _waiting.Enqueue((requestId, maxBytes, requester));
        return null;
    }

    /// <summary>A line of input (its newline added) arrives; returns the waiting reads it completes.</summary>
    public IReadOnlyList<(ConsoleInterrupt Interrupt, IActorRef Requester)> Input(string text)
    {
        if (InputEnded) return [];
        _lines++;
        foreach (var b in Encoding.UTF8.GetBytes(text + "\n")) _input.Enqueue(b);
        var done = new List<(ConsoleInterrupt, IActorRef)>();
        while (_input.Count > 0 && _waiting.TryDequeue(out var read)) done.Add((TakeLine(read.RequestId, read.MaxBytes), read.Requester));
        return done;
    }

    /// <summary>Input ends: every waiting read completes with 0 bytes (end of file).</summary>
    public IReadOnlyList<(ConsoleInterrupt Interrupt, IActorRef Requester)> EndInput()
    {
        InputEnded = true;
        var done = new List<(ConsoleInterrupt, IActorRef)>();
        while (_waiting.TryDequeue(out var read)) done.Add((TakeLine(read.RequestId, read.MaxBytes), read.Requester));
        return done;
    }

    /// <summary>Queues a write (the data is copied).</summary>
    public void EnqueueWrite(long requestId, ReadOnlySpan<byte> data, IActorRef requester) => _output.Enqueue((requestId, data.ToArray(), requester));

    /// <summary>Precondition: not <see cref="Writing"/>. Starts the next queued write; returns how long it takes at <paramref name="byteTime"/> a byte, or null when none is queued.</summary>
    public Duration? StartNextWrite(Duration byteTime)
    {
        if (_writing is not null) throw new InvalidOperationException("a write is already in progress");
        if (!_output.TryDequeue(out var next)) return null;
        _writing = next;
        return byteTime * next.Data.Length;
    }

    /// <summary>Precondition: <see cref="Writing"/>. The write is done: returns its interrupt, requester and text.</summary>
    public (ConsoleInterrupt Interrupt, IActorRef Requester, string Text) FinishWrite()
    {
        var (id, data, requester) = _writing ?? throw new InvalidOperationException("no write in progress");
        _writing = null;
        _writes++;
        _bytesWritten += data.Length;
        return (new ConsoleInterrupt(id, IoOperation.Write, IoStatus.Success, data.Length, ReadOnlyMemory<byte>.Empty), requester, Encoding.UTF8.GetString(data));
    }

    /// <summary>The statistics now.</summary>
    public ConsoleStats Stats() => new(_writes, _bytesWritten, _reads, _bytesRead, _lines, _wouldBlock, _waiting.Count, _input.Count, InputEnded);

    private static ConsoleInterrupt Fail(long requestId, IoOperation operation, IoStatus status) =>
        new(requestId, operation, status, 0, ReadOnlyMemory<byte>.Empty);

    /// <summary>Takes up to <paramref name="maxBytes"/> buffered bytes, stopping after a newline (0 bytes at end of file).</summary>
    private ConsoleInterrupt TakeLine(long requestId, int maxBytes)
    {
        var taken = new List<byte>();
        while (taken.Count < maxBytes && _input.TryDequeue(out var b))
        {
            taken.Add(b);
            if (b == (byte)'\n') break;
        }
        _reads++;
        _bytesRead += taken.Count;
        return new ConsoleInterrupt(requestId, IoOperation.Read, IoStatus.Success, taken.Count, taken.ToArray());
    }
}
