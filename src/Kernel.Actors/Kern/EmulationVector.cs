using System.Collections.Immutable;

namespace MachActors.Kernel.Kern;

/// <summary>
/// A task's emulation vector (spec 4.1 "Emulation"; the seeds' "Emulationsadresse"): for selected
/// system call numbers, where in the task's own user code the call goes instead of into the kernel.
/// In this simulation an entry is not a PC but the id of a handler of the task's emulation library
/// (0: not emulated). Immutable: set returns a new vector; task_create copies it into the child.
/// </summary>
public sealed class EmulationVector
{
    /// <summary>The highest system call number a vector may cover, plus one.</summary>
    public const int MaxNumber = 1024;

    /// <summary>The empty vector (nothing emulated).</summary>
    public static readonly EmulationVector Empty = new(ImmutableSortedDictionary<int, int>.Empty);

    private readonly ImmutableSortedDictionary<int, int> _entries;

    private EmulationVector(ImmutableSortedDictionary<int, int> entries) => _entries = entries;

    /// <summary>How many numbers have a handler.</summary>
    public int Count => _entries.Count;

    /// <summary>The handler id for <paramref name="number"/>, or 0 when the number is not emulated (also for any number out of range).</summary>
    public int Lookup(int number) => _entries.TryGetValue(number, out var handler) ? handler : 0;

    /// <summary>
    /// task_set_emulation_vector: entries [<paramref name="start"/>, start + count) take the given
    /// handler ids (0 clears one); entries outside the range are kept, as Mach's call does. InvalidArgument
    /// (nothing changes) for a negative start, a range past <see cref="MaxNumber"/> or a negative id.
    /// </summary>
    public KernReturn Set(int start, IReadOnlyList<int> handlers, out EmulationVector updated)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        updated = this;
        if (start < 0 || (long)start + handlers.Count > MaxNumber || handlers.Any(h => h < 0)) return KernReturn.InvalidArgument;
        var b = _entries.ToBuilder();
        for (var i = 0; i < handlers.Count; i++)
        {
            if (handlers[i] == 0) b.Remove(start + i);
            else b[start + i] = handlers[i];
        }
        updated = new EmulationVector(b.ToImmutable());
        return KernReturn.Success;
    }

    /// <summary>task_get_emulation_vector: the first emulated number and the ids from it to the last emulated one (0 for the gaps); (0, []) when empty.</summary>
    public (int Start, ImmutableArray<int> Handlers) Get()
    {
        if (_entries.Count == 0) return (0, []);
        var first = _entries.Keys.First();
        var last = _entries.Keys.Last();
        return (first, [.. Enumerable.Range(first, last - first + 1).Select(Lookup)]);
    }
}
