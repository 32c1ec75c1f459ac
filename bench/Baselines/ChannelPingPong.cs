using System.Threading.Channels;

namespace MachActors.Bench.Baselines;

/// <summary>
/// In-box baseline for message passing: each "actor" is an async loop draining an unbounded
/// <see cref="Channel{T}"/> (single reader, single writer, asynchronous continuations), as in
/// spec/anchors-style-and-speed.md section 3 (a) and (b').
/// </summary>
public static class ChannelPingPong
{
    /// <summary>A mailbox: unbounded, one reader, one writer, continuations posted to the pool.</summary>
    public static Channel<Ping> CreateMailbox() =>
        Channel.CreateUnbounded<Ping>(new UnboundedChannelOptions
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
        });

    /// <summary>One pair on the thread pool; returns when <paramref name="roundTrips"/> replies have arrived and the echo loop has ended.</summary>
    public static Task RunPair(long roundTrips, int inFlight)
    {
        var toPonger = CreateMailbox();
        var toPinger = CreateMailbox();
        var ponger = Task.Run(() => Echo(toPonger.Reader, toPinger.Writer));
        return Task.Run(async () =>
        {
            await Drive(toPinger.Reader, toPonger.Writer, roundTrips, inFlight).ConfigureAwait(false);
            toPonger.Writer.Complete();
            await ponger.ConfigureAwait(false);
        });
    }

    /// <summary><paramref name="pairs"/> independent pairs at once.</summary>
    public static Task RunPairs(int pairs, long roundTripsPerPair, int inFlight)
    {
        var runs = new Task[pairs];
        for (var p = 0; p < pairs; p++) runs[p] = RunPair(roundTripsPerPair, inFlight);
        return Task.WhenAll(runs);
    }

    /// <summary>Sends <paramref name="inFlight"/> pings, then one more per reply, until <paramref name="roundTrips"/> replies have arrived.</summary>
    private static async Task Drive(ChannelReader<Ping> inbox, ChannelWriter<Ping> peer, long roundTrips, int inFlight)
    {
        long sent = 0, received = 0;
        for (; sent < Math.Min(inFlight, roundTrips); sent++) peer.TryWrite(Ping.Instance);
        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out var ping))
            {
                if (++received == roundTrips) return;
                if (sent < roundTrips)
                {
                    sent++;
                    peer.TryWrite(ping);
                }
            }
        }
    }

    /// <summary>Replies to every ping until the inbox is completed.</summary>
    private static async Task Echo(ChannelReader<Ping> inbox, ChannelWriter<Ping> peer)
    {
        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out var ping)) peer.TryWrite(ping);
        }
    }
}
