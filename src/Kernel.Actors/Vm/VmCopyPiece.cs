namespace MachActors.Kernel.Vm;

/// <summary>One piece of a <see cref="VmCopy"/>: <paramref name="Size"/> bytes of an object from <paramref name="Offset"/>.</summary>
/// <param name="Object">The object, or null for zero-fill memory; the copy holds one reference to it.</param>
/// <param name="Offset">Page-aligned object offset.</param>
/// <param name="Size">Page-aligned byte count (positive).</param>
/// <param name="NeedsCopy">The piece is a symmetric copy-on-write view: whoever maps it must not write the object in place.</param>
public sealed record VmCopyPiece(VmObjectRef? Object, ulong Offset, ulong Size, bool NeedsCopy);
