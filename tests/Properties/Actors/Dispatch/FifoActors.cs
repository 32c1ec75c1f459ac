using MachActors.Actors;

namespace MachActors.Tests.Properties.Actors.Dispatch;

/// <summary>A FIFO workload message: the <paramref name="Seq"/>-th send of <paramref name="Origin"/> (-1: host), now after <paramref name="Hop"/> forwarders.</summary>
public sealed record FifoMsg(int Origin, int Seq, FifoSend Send, int Hop)
{
    /// <summary>The FIFO channel: origin and route. Messages of one channel must arrive in send order.</summary>
    public string Channel => (Origin < 0 ? "host" : "s" + Origin) + string.Concat(Send.Route.Select(f => ">f" + f));

    /// <inheritdoc />
    public override string ToString() => $"{Channel}#{Seq}";
}

/// <summary>Starts or resumes a sender's script.</summary>
public sealed record FifoGo
{
    /// <summary>The one instance.</summary>
    public static readonly FifoGo Instance = new();
}

/// <summary>The actors of a FIFO workload, filled in once all are spawned (actors read them only when handling mail).</summary>
public sealed class FifoTopology(int receivers, int forwarders)
{
    /// <summary>Receiver refs by index.</summary>
    public IActorRef[] Receivers { get; } = new IActorRef[receivers];

    /// <summary>Forwarder refs by index.</summary>
    public IActorRef[] Forwarders { get; } = new IActorRef[forwarders];

    /// <summary>Where <paramref name="message"/> goes next: the next forwarder of its route, else its receiver.</summary>
    public IActorRef NextHop(FifoMsg message) => message.Hop < message.Send.Route.Length
        ? Forwarders[message.Send.Route[message.Hop]]
        : Receivers[message.Send.Receiver];
}

/// <summary>Sends its script in order, ending a handler after each send marked Yield (then continuing in the next).</summary>
public sealed class FifoSender(int index, FifoSend[] script, FifoTopology topology) : Actor
{
    private int _next;

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is not FifoGo) { Unhandled(message); return; }
        while (_next < script.Length)
        {
            var send = new FifoMsg(index, _next, script[_next], 0);
            topology.NextHop(send).Tell(send, Self);
            _next++;
            if (send.Send.Yield && _next < script.Length)
            {
                Self.Tell(FifoGo.Instance, Self);
                return;
            }
        }
    }
}

/// <summary>Passes each message on to its next hop.</summary>
public sealed class FifoForwarder(FifoTopology topology) : Actor
{
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is not FifoMsg m) { Unhandled(message); return; }
        var next = m with { Hop = m.Hop + 1 };
        topology.NextHop(next).Tell(next, Self);
    }
}

/// <summary>Logs every message in arrival order (the log is read by the host once the system is quiescent).</summary>
public sealed class FifoReceiver(List<FifoMsg> log) : Actor
{
    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is FifoMsg m) log.Add(m);
        else Unhandled(message);
    }
}
