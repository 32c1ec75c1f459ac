namespace MachActors.Personalities.Unix.Server;

/// <summary>The answer to a pipe call that was blocked (or an immediate one): data read, bytes written, EOF (empty data) or EPIPE.</summary>
/// <param name="Token">The blocked call's token (the server keeps its reply by it).</param>
/// <param name="Error">None, EPIPE for a writer whose last reader went away, or EINTR for a call a caught signal interrupted.</param>
/// <param name="Data">A reader's bytes (empty at end of file); null for a writer.</param>
/// <param name="Written">A writer's byte count.</param>
public sealed record PipeCompletion(long Token, Errno Error, byte[]? Data, int Written);

/// <summary>
/// A pipe: a bounded FIFO of bytes with reader and writer counts, and the calls blocked on it. Reads
/// take what is there (at most the count asked), block when it is empty and a writer remains, and read
/// end of file when none does. A write is complete when all its bytes are in the buffer: it blocks
/// while they do not fit, behind earlier blocked writes (so bytes keep their order), and fails with
/// EPIPE when there is no reader (at once, or when the last reader goes while it waits). Plain state:
/// every call returns what it completes now; the server turns completions into replies.
/// Invariant: a reader waits only while the buffer is empty, so no writer waits then.
/// </summary>
public sealed class Pipe
{
    /// <summary>The buffer's size (4.3BSD's PIPE_SIZE).</summary>
    public const int DefaultCapacity = 4096;

    private readonly Queue<byte> _buffer = new();
    private readonly LinkedList<(long Token, int Count)> _readers = new();
    private readonly LinkedList<(long Token, byte[] Data, int Done)> _writers = new();

    /// <summary>A pipe with one reader and one writer (the two ends pipe(2) returns).</summary>
    public Pipe(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The buffer's size.</summary>
    public int Capacity { get; }

    /// <summary>Open read ends (open files, each shared by its descriptors: dup and fork do not add ends).</summary>
    public int Readers { get; private set; } = 1;

    /// <summary>Open write ends.</summary>
    public int Writers { get; private set; } = 1;

    /// <summary>Bytes in the buffer.</summary>
    public int Buffered => _buffer.Count;

    /// <summary>Calls waiting (readers and writers).</summary>
    public int Waiting => _readers.Count + _writers.Count;

    /// <summary>read(2) of at most <paramref name="count"/> bytes: null when it blocks (the completion comes later under <paramref name="token"/>), else the answer now; <paramref name="done"/> gets the blocked writers it completed.</summary>
    public PipeCompletion? Read(long token, int count, List<PipeCompletion> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        if (count <= 0) return new PipeCompletion(token, Errno.None, [], 0);
        if (_buffer.Count > 0)
        {
            var data = Take(count);
            Pump(done);
            return new PipeCompletion(token, Errno.None, data, 0);
        }
        if (Writers == 0) return new PipeCompletion(token, Errno.None, [], 0);
        _readers.AddLast((token, count));
        return null;
    }

    /// <summary>write(2) of <paramref name="data"/>: EPIPE when no reader; null when it blocks; else all written now. <paramref name="done"/> gets the blocked readers it completed.</summary>
    public PipeCompletion? Write(long token, byte[] data, List<PipeCompletion> done)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(done);
        if (Readers == 0) return new PipeCompletion(token, Errno.EPIPE, null, 0);
        var n = _writers.Count == 0 ? Math.Min(data.Length, Capacity - _buffer.Count) : 0;
        for (var i = 0; i < n; i++) _buffer.Enqueue(data[i]);
        if (n < data.Length) _writers.AddLast((token, data, n));
        ServeReaders(done);
        return n == data.Length ? new PipeCompletion(token, Errno.None, null, data.Length) : null;
    }

    /// <summary>A read end closed: at the last one every blocked writer fails with EPIPE.</summary>
    public void CloseReader(List<PipeCompletion> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        if (Readers == 0 || --Readers > 0) return;
        foreach (var w in _writers) done.Add(new PipeCompletion(w.Token, Errno.EPIPE, null, w.Done));
        _writers.Clear();
    }

    /// <summary>A write end closed: at the last one every blocked reader reads end of file.</summary>
    public void CloseWriter(List<PipeCompletion> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        if (Writers == 0 || --Writers > 0) return;
        foreach (var r in _readers) done.Add(new PipeCompletion(r.Token, Errno.None, [], 0));
        _readers.Clear();
    }

    /// <summary>Forgets the blocked call <paramref name="token"/> (its process ended or was interrupted); true when it was waiting here. A writer's bytes already buffered stay.</summary>
    public bool Cancel(long token) => Interrupt(token) is not null;

    /// <summary>
    /// A caught signal interrupts the blocked call <paramref name="token"/>: a reader, or a writer that moved
    /// no bytes yet, gets EINTR; a writer that moved some returns their count (POSIX: the bytes are in the
    /// pipe and stay). Null when the call is not waiting here.
    /// </summary>
    public PipeCompletion? Interrupt(long token)
    {
        for (var r = _readers.First; r is not null; r = r.Next)
        {
            if (r.Value.Token != token) continue;
            _readers.Remove(r);
            return new PipeCompletion(token, Errno.EINTR, [], 0);
        }
        for (var w = _writers.First; w is not null; w = w.Next)
        {
            if (w.Value.Token != token) continue;
            _writers.Remove(w);
            return w.Value.Done > 0 ? new PipeCompletion(token, Errno.None, null, w.Value.Done) : new PipeCompletion(token, Errno.EINTR, null, 0);
        }
        return null;
    }

    private byte[] Take(int count)
    {
        var data = new byte[Math.Min(count, _buffer.Count)];
        for (var i = 0; i < data.Length; i++) data[i] = _buffer.Dequeue();
        return data;
    }

    /// <summary>Moves blocked writers' bytes into the freed space, in order, completing each writer whose bytes are all in.</summary>
    private void Pump(List<PipeCompletion> done)
    {
        while (_writers.First is { } first && _buffer.Count < Capacity)
        {
            var (token, data, written) = first.Value;
            while (written < data.Length && _buffer.Count < Capacity) _buffer.Enqueue(data[written++]);
            if (written < data.Length)
            {
                first.Value = (token, data, written);
                return;
            }
            _writers.RemoveFirst();
            done.Add(new PipeCompletion(token, Errno.None, null, data.Length));
        }
    }

    /// <summary>Gives buffered bytes to blocked readers, first come first served.</summary>
    private void ServeReaders(List<PipeCompletion> done)
    {
        while (_readers.First is { } first && _buffer.Count > 0)
        {
            _readers.RemoveFirst();
            done.Add(new PipeCompletion(first.Value.Token, Errno.None, Take(first.Value.Count), 0));
            Pump(done);
        }
    }
}
