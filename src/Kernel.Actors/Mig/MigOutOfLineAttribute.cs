namespace MachActors.Kernel.Mig;

/// <summary>
/// Sends a byte array or a port array out of line (<c>^array[]</c>): the message carries a logical
/// copy and only an address inline. Without it arrays travel inline. The receiver checks the flag.
/// </summary>
/// <param name="deallocate">Also remove the region from the sender (<c>dealloc</c>).</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class MigOutOfLineAttribute(bool deallocate = false) : Attribute
{
    /// <summary>The region leaves the sender.</summary>
    public bool Deallocate { get; } = deallocate;
}
