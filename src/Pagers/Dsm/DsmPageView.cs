using System.Collections.Immutable;

namespace MachActors.Pagers.Dsm;

/// <summary>A DSM page as the directory sees it: its mode, readers, writer, and the nodes whose revocation it waits for.</summary>
/// <param name="Mode">Invalid, Shared or Exclusive.</param>
/// <param name="Readers">Nodes holding read-only copies.</param>
/// <param name="Writer">The node holding the writable copy, or null.</param>
/// <param name="Waiting">Nodes whose lock_completed the page waits for before it answers the request in progress.</param>
/// <param name="Queued">Requests and unlocks waiting behind the one in progress or the writer's hold.</param>
/// <param name="Held">The writer holds the page (its hold time is not over).</param>
public sealed record DsmPageView(DsmPageMode Mode, ImmutableSortedSet<long> Readers, long? Writer, ImmutableSortedSet<long> Waiting, int Queued, bool Held = false);
