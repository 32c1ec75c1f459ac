namespace MachActors.Personalities.Unix.Server;

/// <summary>The answer to a console read: bytes (empty at end of input), or EIO when the device failed.</summary>
/// <param name="Token">The read's token (the server keeps its reply by it).</param>
/// <param name="Error">None, or EIO.</param>
/// <param name="Data">The bytes read (at most the count asked, never past a newline); empty at end of input or on an error.</param>
public sealed record ConsoleCompletion(long Token, Errno Error, byte[] Data);

/// <summary>
/// The UNIX server's side of console reads (docs/UNIX.md, "Console reads"), without a machine: the
/// processes waiting to read /dev/console (first come, first served), the input the device gave that
/// no reader took yet, and the one device_read_request the server has out at a time. A read with input
/// kept is answered at once, so is one after the end of input (0 bytes); otherwise it waits, and the
/// server asks the device (<see cref="NextRequest"/>) for as many bytes as the first waiting reader
/// wants. The device's answer (<see cref="Reply"/>) feeds the waiting readers in order: a line larger
/// than the first reader's count is split across reads, 0 bytes means input has ended (every waiting
/// reader, and every later one, reads end of file), a failure answers the first reader with EIO. A
/// reader that goes while waiting (killed) is forgotten (<see cref="Cancel"/>); the bytes asked for it
/// go to the next reader. Plain state: every call returns what it completes now; the server turns
/// completions into replies and requests into device calls.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. Readers wait only while no input is kept and input has not ended.
/// 2. At most one device request is out; one is out or wanted whenever readers wait.
/// 3. Every read completes exactly once, unless cancelled; kept input is never lost or reordered.
/// </remarks>
public sealed class ConsoleReader
{
    private readonly Queue<byte> _kept = new();
    private readonly LinkedList<(long Token, int Count)> _waiting = new();

    /// <summary>Whether input has ended (the device read 0 bytes).</summary>
    public bool Ended { get; private set; }

    /// <summary>Whether a device read request is out (asked, not yet answered).</summary>
    public bool Requested { get; private set; }

    /// <summary>Reads waiting for input.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>Input bytes received that no reader took yet.</summary>
    public int Kept => _kept.Count;

    /// <summary>
    /// read(2) of at most <paramref name="count"/> bytes under <paramref name="token"/>: the answer now
    /// (kept input, end of file, or 0 bytes for a count of 0), or null when the read waits (its
    /// completion comes from <see cref="Reply"/>; call <see cref="NextRequest"/> then).
    /// </summary>
    public ConsoleCompletion? Read(long token, int count)
    {
        if (count <= 0) return new ConsoleCompletion(token, Errno.None, []);
        if (_kept.Count > 0) return new ConsoleCompletion(token, Errno.None, Take(count));
        if (Ended) return new ConsoleCompletion(token, Errno.None, []);
        _waiting.AddLast((token, count));
        return null;
    }

    /// <summary>
    /// The device read to make now: the byte count for a device_read_request when readers wait and
    /// none is out (it is then out until <see cref="Reply"/>), else null.
    /// </summary>
    public int? NextRequest()
    {
        if (Requested || _waiting.First is not { } first) return null;
        Requested = true;
        return first.Value.Count;
    }

    /// <summary>
    /// The device answered the request that was out: <paramref name="ok"/> false is a failure (the first
    /// waiting reader gets EIO); empty <paramref name="data"/> is the end of input (every waiting reader
    /// reads end of file); bytes go to the waiting readers in order, what is left is kept. An answer
    /// with no request out (a stray) is ignored. Returns the reads it completes.
    /// </summary>
    public IReadOnlyList<ConsoleCompletion> Reply(bool ok, ReadOnlySpan<byte> data)
    {
        if (!Requested) return [];
        Requested = false;
        var done = new List<ConsoleCompletion>();
        if (!ok)
        {
            if (_waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                done.Add(new ConsoleCompletion(first.Value.Token, Errno.EIO, []));
            }
            return done;
        }
        if (data.IsEmpty)
        {
            Ended = true;
            foreach (var r in _waiting) done.Add(new ConsoleCompletion(r.Token, Errno.None, []));
            _waiting.Clear();
            return done;
        }
        foreach (var b in data) _kept.Enqueue(b);
        while (_kept.Count > 0 && _waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            done.Add(new ConsoleCompletion(next.Value.Token, Errno.None, Take(next.Value.Count)));
        }
        return done;
    }

    /// <summary>Forgets the waiting read <paramref name="token"/> (its process ended); true when it was waiting here. A request out for it stays: its bytes go to the next reader or are kept.</summary>
    public bool Cancel(long token)
    {
        for (var r = _waiting.First; r is not null; r = r.Next)
        {
            if (r.Value.Token != token) continue;
            _waiting.Remove(r);
            return true;
        }
        return false;
    }

    /// <summary>Up to <paramref name="count"/> kept bytes, stopping after a newline (a read returns at most one line).</summary>
    private byte[] Take(int count)
    {
        var taken = new List<byte>();
        while (taken.Count < count && _kept.TryDequeue(out var b))
        {
            taken.Add(b);
            if (b == (byte)'\n') break;
        }
        return [.. taken];
    }
}
