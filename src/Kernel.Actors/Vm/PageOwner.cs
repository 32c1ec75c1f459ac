namespace MachActors.Kernel.Vm;

/// <summary>Who holds a frame: the page at <paramref name="Offset"/> of VM object <paramref name="ObjectId"/>.</summary>
/// <param name="ObjectId">The VM object's id.</param>
/// <param name="Offset">The page's byte offset in the object.</param>
public readonly record struct PageOwner(long ObjectId, long Offset);
