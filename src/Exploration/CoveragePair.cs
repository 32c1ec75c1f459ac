using System.Runtime.CompilerServices;

namespace MachActors.Exploration;

/// <summary>One coverage point: a message of class <see cref="Message"/> handed to an actor of class <see cref="Actor"/>.</summary>
/// <param name="actor">The receiving actor's class.</param>
/// <param name="message">The message's class.</param>
public readonly struct CoveragePair(Type actor, Type message) : IEquatable<CoveragePair>
{
    /// <summary>The receiving actor's class.</summary>
    public Type Actor { get; } = actor;

    /// <summary>The message's class.</summary>
    public Type Message { get; } = message;

    /// <summary>Same actor class and message class (types compare by reference: every delivery of a run is checked, so this is kept cheap).</summary>
    public bool Equals(CoveragePair other) => ReferenceEquals(Actor, other.Actor) && ReferenceEquals(Message, other.Message);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CoveragePair other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuntimeHelpers.GetHashCode(Actor), RuntimeHelpers.GetHashCode(Message));

    /// <summary>"Actor &lt;- Message", as reports list it.</summary>
    public override string ToString() => Actor.Name + " <- " + Message.Name;

    /// <summary>Equal pairs.</summary>
    public static bool operator ==(CoveragePair left, CoveragePair right) => left.Equals(right);

    /// <summary>Different pairs.</summary>
    public static bool operator !=(CoveragePair left, CoveragePair right) => !left.Equals(right);
}
