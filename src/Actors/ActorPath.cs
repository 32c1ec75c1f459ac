namespace MachActors.Actors;

/// <summary>
/// The position of an actor in its system's hierarchy, printed as "/user/parent/child". The root is
/// "/", user actors live under "/user", runtime actors (test probes) under "/system".
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private string? _text;

    private ActorPath(ActorPath? parent, string name)
    {
        Parent = parent;
        Name = name;
    }

    /// <summary>The root path "/".</summary>
    public static ActorPath Root { get; } = new(null, "");

    /// <summary>The parent path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element ("" for the root).</summary>
    public string Name { get; }

    /// <summary>The path of a child named <paramref name="name"/>.</summary>
    public ActorPath Child(string name) => new(this, name);

    /// <summary>The elements from the root down, e.g. ["user", "parent", "child"].</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var list = new List<string>();
            for (var p = this; p.Parent is not null; p = p.Parent) list.Add(p.Name);
            list.Reverse();
            return list;
        }
    }

    /// <summary>"/user/parent/child".</summary>
    public override string ToString() => _text ??= Parent is null ? "/" : "/" + string.Join('/', Elements);

    /// <inheritdoc />
    public bool Equals(ActorPath? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
