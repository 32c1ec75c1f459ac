using MachActors.Kernel.Ipc;
using MachActors.Personalities.Rt.Server;

namespace MachActors.Personalities.Rt;

/// <summary>Partitioned scheduling (docs/RT.md, "Several CPUs"): each task's thread bound to the CPU its placement gave it.</summary>
public sealed partial class RtServer
{
    /// <summary>
    /// At the epoch (before the first releases are answered): places the admitted tasks
    /// (<see cref="RtSchedule.PlaceAll"/>, first-fit decreasing) and binds each started task's thread to
    /// its CPU (thread_bind: that CPU's local run queue). A task started later is bound at its start.
    /// A bind the kernel refuses leaves the thread unbound (it then runs on any CPU).
    /// </summary>
    private async Task PlaceAll()
    {
        foreach (var (id, cpu) in _schedule.PlaceAll(_cpus))
        {
            var client = _clients.Values.FirstOrDefault(c => c.Id == id);
            if (client is { Thread: var thread } && thread != PortName.Null) await Bind(thread, cpu);
        }
        Publish();
    }

    /// <summary>thread_bind of a task's thread to <paramref name="cpu"/> (not with the seeded bug NoBinding); a refusal is ignored.</summary>
    private async Task Bind(PortName thread, int cpu)
    {
        if (!_config.SeededBugs.HasFlag(RtSeededBugs.NoBinding)) await _env.ThreadBind(thread, cpu);
    }
}
