namespace MachActors.Bench.Baselines;

/// <summary>
/// In-box baseline for a single-threaded scheduler (spec/anchors-style-and-speed.md section 3 (c''),
/// "ring-q"): a ring of plain <see cref="Queue{T}"/> mailboxes, a FIFO ready queue of actors with
/// mail, and one actor turn draining up to <see cref="Throughput"/> messages. No strategy, no
/// recording, no actor context: the floor for our controlled dispatcher.
/// </summary>
public sealed class QueueRing
{
    /// <summary>Messages per actor turn, as the parallel dispatcher's default throughput.</summary>
    public const int Throughput = 30;

    private readonly Queue<Token>[] _mailboxes;
    private readonly bool[] _scheduled;
    private readonly Queue<int> _ready;

    /// <summary>A ring of <paramref name="actors"/> mailboxes with <paramref name="tokens"/> tokens spread evenly.</summary>
    public QueueRing(int actors, int tokens)
    {
        _mailboxes = new Queue<Token>[actors];
        for (var i = 0; i < actors; i++) _mailboxes[i] = new Queue<Token>();
        _scheduled = new bool[actors];
        _ready = new Queue<int>(actors);
        for (var t = 0; t < tokens; t++)
        {
            var a = t * (actors / tokens);
            _mailboxes[a].Enqueue(Token.Instance);
            if (!_scheduled[a])
            {
                _scheduled[a] = true;
                _ready.Enqueue(a);
            }
        }
    }

    /// <summary>Moves tokens along the ring until <paramref name="hops"/> deliveries were made; returns how many were.</summary>
    public long Run(long hops)
    {
        var actors = _mailboxes.Length;
        long done = 0;
        while (done < hops && _ready.TryDequeue(out var actor))
        {
            _scheduled[actor] = false;
            var box = _mailboxes[actor];
            var next = actor + 1 == actors ? 0 : actor + 1;
            var nextBox = _mailboxes[next];
            for (var n = 0; n < Throughput && done < hops && box.TryDequeue(out var token); n++)
            {
                nextBox.Enqueue(token);
                done++;
            }
            if (box.Count > 0 && !_scheduled[actor])
            {
                _scheduled[actor] = true;
                _ready.Enqueue(actor);
            }
            if (!_scheduled[next])
            {
                _scheduled[next] = true;
                _ready.Enqueue(next);
            }
        }
        return done;
    }
}
