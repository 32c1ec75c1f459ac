namespace MachActors.Tests.Coyote.LostUpdate;

/// <summary>Client -> register: read the value. Reply: <see cref="ReadResult"/>.</summary>
public sealed record Read
{
    /// <summary>The one instance.</summary>
    public static readonly Read Instance = new();
}

/// <summary>Register -> client: the value at the time of the read.</summary>
public sealed record ReadResult(int Value);

/// <summary>Client -> register: overwrite the value (no check). Reply: <see cref="Written"/>.</summary>
public sealed record Write(int Value);

/// <summary>Register -> client: the write is done.</summary>
public sealed record Written
{
    /// <summary>The one instance.</summary>
    public static readonly Written Instance = new();
}

/// <summary>Client -> register: set <paramref name="Value"/> only if the value is still <paramref name="Expected"/>. Reply: <see cref="CasResult"/>.</summary>
public sealed record CompareAndSet(int Expected, int Value);

/// <summary>Register -> client: whether the compare-and-set took effect, and the value now held.</summary>
public sealed record CasResult(bool Succeeded, int Current);
