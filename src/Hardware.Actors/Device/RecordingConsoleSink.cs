using System.Collections.Concurrent;
using MachActors.Actors.Timing;

namespace MachActors.Hardware.Device;

/// <summary>
/// A console sink that keeps every write with its virtual time (for tests and reports) and, when given
/// a writer, also passes the text on (the host's stdout). Safe to read from host code while the
/// console writes.
/// </summary>
/// <param name="forward">Also write the text here (flushed after each write); null: keep only.</param>
public sealed class RecordingConsoleSink(TextWriter? forward = null) : IConsoleSink
{
    private readonly ConcurrentQueue<ConsoleOutput> _writes = new();

    /// <summary>Every write so far, in order.</summary>
    public IReadOnlyList<ConsoleOutput> Writes => [.. _writes];

    /// <summary>All output so far as one string.</summary>
    public string Text => string.Concat(_writes.Select(w => w.Text));

    /// <inheritdoc />
    public void Write(VirtualTime at, string text)
    {
        _writes.Enqueue(new ConsoleOutput(at, text));
        if (forward is null) return;
        forward.Write(text);
        forward.Flush();
    }
}
