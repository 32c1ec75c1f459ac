using MachActors.Actors.Dispatch;

namespace MachActors.Actors;

/// <summary>Behaviour stack (Become / Unbecome) and the stash.</summary>
internal sealed partial class ActorCell
{
    /// <inheritdoc />
    public void Become(Receive behavior)
    {
        EnsureInside();
        ArgumentNullException.ThrowIfNull(behavior);
        var stack = Extras.Behaviors ??= new Stack<Receive>();
        if (stack.Count > 0) stack.Pop();
        stack.Push(behavior);
    }

    /// <inheritdoc />
    public void BecomeStacked(Receive behavior)
    {
        EnsureInside();
        ArgumentNullException.ThrowIfNull(behavior);
        (Extras.Behaviors ??= new Stack<Receive>()).Push(behavior);
    }

    /// <inheritdoc />
    public void Unbecome()
    {
        EnsureInside();
        if (_extras?.Behaviors is { Count: > 0 } stack) stack.Pop();
    }

    /// <inheritdoc />
    public void Stash()
    {
        EnsureInside();
        if (_currentMessage is null)
        {
            throw new InvalidOperationException($"{this}: Stash is only possible while handling a user message");
        }
        (Extras.Stash ??= []).Add(new Envelope(_currentMessage, CurrentSender));
    }

    /// <inheritdoc />
    public void UnstashAll()
    {
        EnsureInside();
        UnstashAllInternal();
    }

    private void UnstashAllInternal()
    {
        if (_extras?.Stash is not { Count: > 0 } stash) return;
        foreach (var e in stash)
        {
            // A Terminated was taken off the queued set when first received: put it back, or it is dropped (as Akka's unstash does).
            if (e.Message is Terminated { ActorRef: LocalActorRef { Cell: var dead } }) (Extras.TerminatedQueued ??= []).Add(dead);
        }
        PushFront(stash);
        stash.Clear();
    }
}
