namespace MachActors.Kernel.Mig;

/// <summary>
/// The most elements an array or string parameter may carry (<c>array[*:N]</c>, <c>c_string[N]</c>;
/// for a string: UTF-8 bytes, the terminating NUL not counted). A user stub refuses a longer in
/// argument with MIG_ARRAY_TOO_LARGE before sending and a longer out value with the same code; the
/// server refuses a longer request item with MIG_BAD_ARGUMENTS.
/// </summary>
/// <param name="max">The maximum, 0 or more.</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class MigMaxCountAttribute(int max) : Attribute
{
    /// <summary>The maximum.</summary>
    public int Max { get; } = max;
}
