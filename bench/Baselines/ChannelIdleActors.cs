using System.Threading.Channels;

namespace MachActors.Bench.Baselines;

/// <summary>
/// In-box baseline for an idle actor (spec/anchors-style-and-speed.md section 3, last row): one
/// unbounded channel plus one async receive loop parked on it.
/// </summary>
public sealed class ChannelIdleActors
{
    private readonly Channel<Ping>[] _mailboxes;
    private readonly Task[] _loops;

    /// <summary>Room for <paramref name="capacity"/> actors (the arrays are the "refs" the host keeps).</summary>
    public ChannelIdleActors(int capacity)
    {
        _mailboxes = new Channel<Ping>[capacity];
        _loops = new Task[capacity];
    }

    /// <summary>Creates every actor; each loop runs synchronously up to its first await and parks there.</summary>
    public void SpawnAll()
    {
        for (var i = 0; i < _mailboxes.Length; i++)
        {
            var mailbox = ChannelPingPong.CreateMailbox();
            _mailboxes[i] = mailbox;
            _loops[i] = Receive(mailbox.Reader);
        }
    }

    /// <summary>Completes every mailbox and waits for the loops to end.</summary>
    public void StopAll()
    {
        foreach (var mailbox in _mailboxes) mailbox?.Writer.Complete();
        Task.WaitAll(_loops.Where(t => t is not null).ToArray());
    }

    private static async Task Receive(ChannelReader<Ping> inbox)
    {
        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out _)) { }
        }
    }
}
