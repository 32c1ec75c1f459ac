namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>
/// An actor ref that is only a name: for the kernel's plain-state classes (scheduler, synchronizers),
/// which keep refs and pass them to their effects but never send to them themselves.
/// </summary>
internal sealed class FakeRef(string name, int id = 0) : IActorRef
{
    public ActorId Id { get; } = new(id);

    public ActorPath Path { get; } = ActorPath.Root.Child("fake").Child(name);

    public void Tell(object message, IActorRef? sender) =>
        throw new InvalidOperationException($"{name} is a fake ref; the class under test should not send to it");

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override string ToString() => name;
}
