namespace MachActors.Kernel.Mig;

/// <summary>
/// Marks an interface method as a MIG <c>simpleroutine</c>: a one-way message with no reply port and
/// no out parameters. Numbering as for <see cref="MigRoutineAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class MigSimpleRoutineAttribute : Attribute
{
    /// <summary>The simpleroutine takes the next slot.</summary>
    public MigSimpleRoutineAttribute() => Offset = -1;

    /// <summary>The simpleroutine takes slot <paramref name="offset"/> (id = base + offset).</summary>
    /// <param name="offset">The slot, 0 or more.</param>
    public MigSimpleRoutineAttribute(int offset) => Offset = offset;

    /// <summary>The explicit slot, or -1 for the next one.</summary>
    public int Offset { get; }
}
