using MachActors.Actors;

namespace MachActors.Bench;

/// <summary>The ping-pong message. One shared instance is bounced around: the benchmarks measure transport, not allocation.</summary>
public sealed record Ping
{
    public static readonly Ping Instance = new();
}

/// <summary>Tells a <see cref="Actors.Pinger"/> to start a run of <paramref name="RoundTrips"/> round trips against <paramref name="Peer"/>.</summary>
public sealed record Start(IActorRef Peer, long RoundTrips, int InFlight);

/// <summary>Tells a <see cref="Actors.RingNode"/> where to pass tokens on.</summary>
public sealed record SetNext(IActorRef Next);

/// <summary>A token circulating in the ring.</summary>
public sealed record Token
{
    public static readonly Token Instance = new();
}
