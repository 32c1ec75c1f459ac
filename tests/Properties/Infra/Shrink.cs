namespace MachActors.Tests.Properties.Infra;

/// <summary>
/// Cheap shrinkers for workloads made of lists: drop half of a list, then single elements. Removing
/// elements never invalidates an index into another list, so every candidate is a valid workload.
/// </summary>
public static class Shrink
{
    /// <summary>Shorter versions of <paramref name="items"/>: without its first or second half, then without each single element.</summary>
    public static IEnumerable<T[]> Remove<T>(IReadOnlyList<T> items)
    {
        if (items.Count >= 4)
        {
            yield return items.Skip(items.Count / 2).ToArray();
            yield return items.Take(items.Count / 2).ToArray();
        }
        for (var i = items.Count - 1; i >= 0; i--) yield return items.Where((_, j) => j != i).ToArray();
    }

    /// <summary>Versions of <paramref name="lists"/> in which one inner list is shorter (see <see cref="Remove{T}"/>).</summary>
    public static IEnumerable<T[][]> RemoveInner<T>(IReadOnlyList<IReadOnlyList<T>> lists)
    {
        for (var i = 0; i < lists.Count; i++)
        {
            foreach (var shorter in Remove(lists[i]))
            {
                var copy = lists.Select(l => l.ToArray()).ToArray();
                copy[i] = shorter;
                yield return copy;
            }
        }
    }
}
