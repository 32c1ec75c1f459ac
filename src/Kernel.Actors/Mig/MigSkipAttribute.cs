namespace MachActors.Kernel.Mig;

/// <summary>
/// MIG's <c>skip</c>: leaves <see cref="Count"/> slots unused before the marked routine, so retired
/// calls keep the numbering stable. A request for a skipped id gets MIG_BAD_ID.
/// </summary>
/// <param name="count">How many slots to leave empty (1 or more).</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class MigSkipAttribute(int count = 1) : Attribute
{
    /// <summary>How many slots are skipped.</summary>
    public int Count { get; } = count;
}
