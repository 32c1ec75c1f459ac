namespace MachActors.Kernel.Mig;

/// <summary>
/// Marks an interface method as a MIG <c>routine</c>: an RPC with a reply (reply id = request id + 100).
/// Without an offset the routine takes the next slot after the previous declaration; with one it
/// takes <c>base + offset</c>, and the numbering continues from there.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class MigRoutineAttribute : Attribute
{
    /// <summary>The routine takes the next slot.</summary>
    public MigRoutineAttribute() => Offset = -1;

    /// <summary>The routine takes slot <paramref name="offset"/> (id = base + offset).</summary>
    /// <param name="offset">The slot, 0 or more.</param>
    public MigRoutineAttribute(int offset) => Offset = offset;

    /// <summary>The explicit slot, or -1 for the next one.</summary>
    public int Offset { get; }
}
