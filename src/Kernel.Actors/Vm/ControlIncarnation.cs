using MachActors.Actors;

namespace MachActors.Kernel.Vm;

/// <summary>
/// A control port (spec §1): one incarnation of a VM object's binding to its pager (docs/VM.md rule 3).
/// The pager sends its calls to <paramref name="Object"/> naming <paramref name="Id"/>; once the
/// incarnation has ended (terminate) the object ignores and counts them, and a fresh binding gets a new id.
/// </summary>
/// <param name="Object">The VM object actor that receives the pager's calls.</param>
/// <param name="Id">The incarnation's id, unique per VM object and never reused.</param>
public readonly record struct ControlIncarnation(IActorRef Object, long Id);
