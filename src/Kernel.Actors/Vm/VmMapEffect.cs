namespace MachActors.Kernel.Vm;

/// <summary>
/// What a <see cref="VmMap"/> call does outside the map: to the task's pmap and to VM objects. The
/// host carries them out in order. Reference rules: a map holds one reference per object it names;
/// a <see cref="VmCopy"/> holds one per piece; a created object starts with one reference, held by
/// the map whose effects announce it.
/// </summary>
public abstract record VmMapEffect
{
    /// <summary>Remove every hardware mapping in [Start, End) from the task's pmap.</summary>
    /// <param name="Start">First address.</param>
    /// <param name="End">Address after the range.</param>
    public sealed record PmapRemove(ulong Start, ulong End) : VmMapEffect;

    /// <summary>Reduce the hardware mappings in [Start, End) to at most <paramref name="Protection"/> (write-protect for copy-on-write).</summary>
    /// <param name="Start">First address.</param>
    /// <param name="End">Address after the range.</param>
    /// <param name="Protection">The most a mapping may keep.</param>
    public sealed record PmapProtect(ulong Start, ulong End, VmProt Protection) : VmMapEffect;

    /// <summary>Take one more reference on <paramref name="Object"/>.</summary>
    /// <param name="Object">The object.</param>
    public sealed record ObjectReferenced(VmObjectRef Object) : VmMapEffect;

    /// <summary>Drop one reference on <paramref name="Object"/>.</summary>
    /// <param name="Object">The object.</param>
    public sealed record ObjectReleased(VmObjectRef Object) : VmMapEffect;

    /// <summary>Create <paramref name="Object"/>: anonymous (temporary) memory of <paramref name="Size"/> bytes, zero filled.</summary>
    /// <param name="Object">The new object.</param>
    /// <param name="Size">Its size.</param>
    public sealed record ObjectCreated(VmObjectRef Object, ulong Size) : VmMapEffect;

    /// <summary>
    /// Create <paramref name="Shadow"/>, an object of <paramref name="Size"/> bytes shadowing
    /// <paramref name="Backing"/> from <paramref name="BackingOffset"/> (it takes its own reference on the backing object).
    /// </summary>
    /// <param name="Shadow">The new object.</param>
    /// <param name="Backing">The object shadowed.</param>
    /// <param name="BackingOffset">Offset in the backing object of the shadow's offset 0.</param>
    /// <param name="Size">The shadow's size.</param>
    public sealed record ShadowCreated(VmObjectRef Shadow, VmObjectRef Backing, ulong BackingOffset, ulong Size) : VmMapEffect;

    /// <summary>
    /// Create <paramref name="Copy"/>, a copy of <paramref name="Size"/> bytes of the shared object
    /// <paramref name="Source"/> from <paramref name="SourceOffset"/>, by the source's copy strategy
    /// (a delayed copy object for temporary memory).
    /// </summary>
    /// <param name="Copy">The new object (offset 0 = SourceOffset).</param>
    /// <param name="Source">The object copied.</param>
    /// <param name="SourceOffset">First offset copied.</param>
    /// <param name="Size">Bytes copied.</param>
    public sealed record CopyCreated(VmObjectRef Copy, VmObjectRef Source, ulong SourceOffset, ulong Size) : VmMapEffect;

    /// <summary>
    /// Write <paramref name="Size"/> bytes of <paramref name="Source"/> (null: zeros) from
    /// <paramref name="SourceOffset"/> into the shared object <paramref name="Target"/> at <paramref name="TargetOffset"/>.
    /// </summary>
    /// <param name="Target">The object written.</param>
    /// <param name="TargetOffset">Where.</param>
    /// <param name="Source">The data's object, or null for zeros.</param>
    /// <param name="SourceOffset">The data's offset.</param>
    /// <param name="Size">Bytes.</param>
    public sealed record ObjectOverwritten(VmObjectRef Target, ulong TargetOffset, VmObjectRef? Source, ulong SourceOffset, ulong Size) : VmMapEffect;
}
