using MachActors.Personalities.Rt.Analysis;

namespace MachActors.Personalities.Rt.Server;

/// <summary>
/// Where each task runs (docs/RT.md, "Several CPUs"): the server binds every task's thread to one CPU.
/// At the epoch the tasks admitted so far are placed first-fit decreasing by utilisation
/// (<see cref="RtAnalysis.FirstFitDecreasing"/>); a task admitted later goes first-fit beside the placed
/// tasks that still have jobs to run (<see cref="RtAnalysis.FirstFit"/>).
/// </summary>
public sealed partial class RtSchedule
{
    /// <summary>Whether the epoch's placement has been made (<see cref="PlaceAll"/>).</summary>
    public bool Placed { get; private set; }

    /// <summary>
    /// The epoch's placement on <paramref name="cpus"/> CPUs: every admitted task not yet placed and still
    /// to run, in order of decreasing utilisation (ties: id), first fit beside those placed before it.
    /// The tasks placed now, with their CPUs (ids ascending).
    /// </summary>
    public IReadOnlyList<(int Id, int Cpu)> PlaceAll(int cpus)
    {
        Placed = true;
        var order = Enumerable.Range(0, _tasks.Count).Where(id => _tasks[id].Cpu is null && Live(_tasks[id]))
            .OrderByDescending(id => _tasks[id].Spec.Utilisation).ThenBy(id => id).ToList();
        foreach (var id in order) Place(id, cpus);
        return [.. order.Order().Select(id => (id, _tasks[id].Cpu!.Value))];
    }

    /// <summary>Task <paramref name="id"/>'s CPU: the one it was placed on, else first fit on <paramref name="cpus"/> CPUs beside the live placed tasks (recorded).</summary>
    public int Place(int id, int cpus)
    {
        var t = _tasks[id];
        if (t.Cpu is { } cpu) return cpu;
        var placed = _tasks.Where(o => o != t && o.Cpu is not null && Live(o)).ToList();
        t.Cpu = RtAnalysis.FirstFit([.. placed.Select(o => o.Spec)], [.. placed.Select(o => o.Cpu!.Value)], t.Spec, cpus);
        return t.Cpu.Value;
    }

    /// <summary>The CPU task <paramref name="id"/> was placed on, or null.</summary>
    public int? Cpu(int id) => _tasks[id].Cpu;

    private static bool Live(Entry t) => !t.Stopped && t.Job < t.Spec.Jobs;
}
