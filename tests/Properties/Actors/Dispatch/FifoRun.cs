using MachActors.Actors;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>Runs a <see cref="FifoWorkload"/> and checks per-sender FIFO on what the receivers logged.</summary>
public static class FifoRun
{
    /// <summary>Runs <paramref name="workload"/> to quiescence in <paramref name="mode"/>; returns each receiver's log.</summary>
    public static List<FifoMsg>[] Run(FifoWorkload workload, RunMode mode)
    {
        using var system = mode.CreateSystem();
        var topology = new FifoTopology(workload.Receivers, workload.Forwarders);
        var logs = Enumerable.Range(0, workload.Receivers).Select(_ => new List<FifoMsg>()).ToArray();
        for (var r = 0; r < logs.Length; r++)
        {
            var log = logs[r];
            topology.Receivers[r] = system.Spawn(Props.Create(() => new FifoReceiver(log)), "r" + r);
        }
        for (var f = 0; f < workload.Forwarders; f++) topology.Forwarders[f] = system.Spawn(Props.Create(() => new FifoForwarder(topology)), "f" + f);
        var senders = workload.Senders.Select((script, i) =>
            system.Spawn(Props.Create(() => new FifoSender(i, script, topology)), "s" + i)).ToArray();
        foreach (var sender in senders) sender.Tell(FifoGo.Instance, null);
        for (var i = 0; i < workload.HostSends.Length; i++)
        {
            var send = new FifoMsg(-1, i, workload.HostSends[i], 0);
            topology.NextHop(send).Tell(send, null);
        }
        SystemAssert.RunToQuiescence(system);
        Assert.Equal(0, system.DeadLetterCount);
        return logs;
    }

    /// <summary>
    /// Every receiver got every message meant for it, and on each channel (origin and route) in the
    /// order the origin sent them.
    /// </summary>
    public static void Check(FifoWorkload workload, List<FifoMsg>[] logs)
    {
        var sent = workload.HostSends.Select((s, i) => new FifoMsg(-1, i, s, 0))
            .Concat(workload.Senders.SelectMany((script, o) => script.Select((s, i) => new FifoMsg(o, i, s, 0))))
            .ToList();
        for (var r = 0; r < logs.Length; r++)
        {
            var expected = Channels(sent.Where(m => m.Send.Receiver == r));
            var actual = Channels(logs[r]);
            Assert.True(expected.Keys.Order().SequenceEqual(actual.Keys.Order()),
                $"receiver r{r}: channels [{string.Join(", ", actual.Keys)}], expected [{string.Join(", ", expected.Keys)}]");
            foreach (var (channel, seqs) in expected)
            {
                Assert.True(seqs.SequenceEqual(actual[channel]),
                    $"receiver r{r}, channel {channel}: received #[{string.Join(", ", actual[channel])}] but sent #[{string.Join(", ", seqs)}]; "
                    + $"log: {string.Join(' ', logs[r])}");
            }
        }
    }

    private static Dictionary<string, List<int>> Channels(IEnumerable<FifoMsg> messages)
    {
        var channels = new Dictionary<string, List<int>>();
        foreach (var m in messages)
        {
            if (!channels.TryGetValue(m.Channel, out var seqs)) channels[m.Channel] = seqs = [];
            seqs.Add(m.Seq);
        }
        return channels;
    }
}
