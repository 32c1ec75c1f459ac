using FsCheck;
using FsCheck.Fluent;
using MachActors.Actors;
using MachActors.Tests.Properties.Actors.Dispatch;

namespace MachActors.Tests.Properties.Actors;

/// <summary>Logs what it receives, in order.</summary>
public sealed class LoggingSink(List<string> log) : Actor
{
    /// <inheritdoc />
    protected override void OnReceive(object message) => log.Add((string)message);
}

/// <summary>Answers a request, then, in the same handler, tells every sink "replier".</summary>
public sealed class NotifyingReplier(IActorRef[] sinks) : Actor
{
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        Sender.Tell("done", Self);
        foreach (var sink in sinks) sink.Tell("replier", Self);
    }
}

/// <summary>
/// The host asks a replier, and once it has the answer tells each sink "host". The replier's tells
/// come from the handler that answered, so they happened before the host saw the answer: every sink
/// must get "replier" first, as under the controlled dispatcher.
/// </summary>
public static class AskOrdering
{
    /// <summary>1-40 sinks.</summary>
    public static Gen<int> SinkCounts => Gen.Choose(1, 40);

    /// <summary>Runs one ask with <paramref name="sinks"/> sinks; null when every sink got the replier's message first.</summary>
    public static string? Run(int sinks, RunMode mode)
    {
        using var system = mode.CreateSystem();
        var logs = Enumerable.Range(0, sinks).Select(_ => new List<string>()).ToArray();
        var refs = logs.Select((log, i) => system.Spawn(Props.Create(() => new LoggingSink(log)), "s" + i)).ToArray();
        var replier = system.Spawn(Props.Create(() => new NotifyingReplier(refs)), "replier");
        Assert.Equal("done", replier.Ask<string>("request").Result);
        foreach (var sink in refs) sink.Tell("host", null);
        SystemAssert.RunToQuiescence(system);
        var overtaken = logs.Select((log, i) => (log, i)).Where(s => !s.log.SequenceEqual(["replier", "host"])).ToList();
        return overtaken.Count == 0 ? null
            : $"{mode}: {overtaken.Count} of {sinks} sinks got the host's tell, sent after the Ask's reply, before the replier's: "
              + string.Join(", ", overtaken.Select(s => $"s{s.i}=[{string.Join(' ', s.log)}]"));
    }
}
