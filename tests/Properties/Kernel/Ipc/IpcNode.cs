using MachActors.Actors;

namespace MachActors.Tests.Properties.Kernel.Ipc;

/// <summary>
/// An actor of the IPC harness (a task's space, a port, a port set, a thread): an id, a mailbox the
/// router fills from the state classes' Tell effects, and what it hosts. Nothing sends to it directly.
/// </summary>
internal sealed class IpcNode(string name, long id, object? host) : IActorRef
{
    public ActorId Id { get; } = new((int)id);

    public ActorPath Path { get; } = ActorPath.Root.Child("ipc").Child(name);

    /// <summary>The hosted state: a <see cref="TaskHost"/>, a PortState, a PortSetState, or a <see cref="SimThread"/>.</summary>
    public object? Host { get; set; } = host;

    /// <summary>Messages delivered to this actor and not yet handled, oldest first.</summary>
    public Queue<object> Mailbox { get; } = new();

    public void Tell(object message, IActorRef? sender) =>
        throw new InvalidOperationException($"{name}: the harness routes the state classes' effects; nothing tells a node directly");

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => Id.GetHashCode();

    public override string ToString() => name;
}
