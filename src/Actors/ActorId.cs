namespace MachActors.Actors;

/// <summary>
/// The identity of an actor inside one actor system: a small integer handed out in spawn order, so
/// it is the same in every run of the same schedule. 0 means "no actor" (host code), negative ids
/// are the runtime's pseudo-refs (dead letters, Ask promises).
/// </summary>
/// <param name="Value">The id.</param>
public readonly record struct ActorId(int Value)
{
    /// <summary>"No actor": the id of host code as a sender.</summary>
    public static readonly ActorId None = new(0);

    /// <summary>"#17" style.</summary>
    public override string ToString() => "#" + Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
