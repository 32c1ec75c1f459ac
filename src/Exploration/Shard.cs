using System.Globalization;

namespace MachActors.Exploration;

/// <summary>
/// The K-th of N disjoint slices of a run's iterations (1-based K): iteration i belongs to it when
/// i mod N = K - 1. N shards of one run (same scenario, strategy, seed and budget) together run exactly
/// the iterations of the unsharded run, and their reports merge (<see cref="ExplorationReport.Merge"/>).
/// </summary>
/// <param name="Index">K, from 1 to <paramref name="Count"/>.</param>
/// <param name="Count">N, at least 1.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole run.</summary>
    public static Shard All => new(1, 1);

    /// <summary>Whether iteration <paramref name="iteration"/> is this shard's.</summary>
    public bool Owns(long iteration) => iteration % Count == Index - 1;

    /// <summary>"K/N".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Parses "K/N" (1 &lt;= K &lt;= N); false with a message otherwise.</summary>
    public static bool TryParse(string? text, out Shard shard, out string? error)
    {
        shard = All;
        error = null;
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            error = $"--shard '{text}': expected K/N, for example 2/8";
            return false;
        }
        if (n < 1 || k < 1 || k > n)
        {
            error = $"--shard '{text}': K must be between 1 and N, and N at least 1";
            return false;
        }
        shard = new Shard(k, n);
        return true;
    }
}
