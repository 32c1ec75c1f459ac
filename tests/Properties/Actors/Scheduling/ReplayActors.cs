using MachActors.Actors;
using MachActors.Actors.Timing;

namespace MachActors.Tests.Properties.Actors.Scheduling;

/// <summary>A message that lets its receiver run <paramref name="Hops"/> more program steps along its causal chain.</summary>
public sealed record Ping(int Hops);

/// <summary>A timer's message: like <see cref="Ping"/>, tagged with the timer key.</summary>
public sealed record Tick(int Key, int Hops);

/// <summary>Runs one program step per Ping / Tick that has hops left.</summary>
public sealed class ReplayNode(ReplayOp[] program, IActorRef[] peers) : Actor
{
    private readonly List<IActorRef> _children = [];
    private int _pc;

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        var hops = message switch
        {
            Ping p => p.Hops,
            Tick t => t.Hops,
            _ => -1,
        };
        if (hops < 0) { Unhandled(message); return; }
        if (hops == 0) return;
        Step(program[_pc++ % program.Length], hops - 1);
    }

    private void Step(ReplayOp op, int hops)
    {
        switch (op)
        {
            case ReplayOp.Send s: peers[s.Peer].Tell(new Ping(hops), Self); break;
            case ReplayOp.SendChosen: peers[Context.ChooseInt(peers.Length)].Tell(new Ping(hops), Self); break;
            case ReplayOp.Flip f: peers[Context.ChooseBool() ? f.IfTrue : f.IfFalse].Tell(new Ping(hops), Self); break;
            case ReplayOp.Timer { Period: 0 } t:
                Context.Timers.StartSingleTimer(t.Key, new Tick(t.Key, hops), Duration.FromMicroseconds(t.Delay));
                break;
            case ReplayOp.Timer t:
                Context.Timers.StartPeriodicTimer(t.Key, new Tick(t.Key, hops), Duration.FromMicroseconds(t.Delay), Duration.FromMicroseconds(t.Period));
                break;
            case ReplayOp.Cancel c: Context.Timers.Cancel(c.Key); break;
            case ReplayOp.SpawnChild:
                var child = Context.Spawn(Props.Create(() => new ReplayNode(program, peers)));
                _children.Add(child);
                child.Tell(new Ping(hops), Self);
                break;
            case ReplayOp.StopChild when _children.Count > 0:
                Context.Stop(_children[^1]);
                _children.RemoveAt(_children.Count - 1);
                break;
            case ReplayOp.StopChild: break;
            case ReplayOp.StopSelf: Context.Stop(Self); break;
        }
    }
}
