namespace MachActors.Hardware.Memory;

/// <summary>A <see cref="Tlb"/>'s counters since it was created.</summary>
/// <param name="Hits">Lookups that found a translation allowing the access.</param>
/// <param name="Misses">Lookups that found no translation.</param>
/// <param name="ProtectionFaults">Lookups that found a translation not allowing the access.</param>
/// <param name="Inserts">Translations inserted (including replacements of a cached one).</param>
/// <param name="Evictions">Translations dropped to make room.</param>
/// <param name="Invalidated">Translations removed by invalidation.</param>
/// <param name="Entries">Translations held now.</param>
public sealed record TlbStats(long Hits, long Misses, long ProtectionFaults, long Inserts, long Evictions, long Invalidated, int Entries);
