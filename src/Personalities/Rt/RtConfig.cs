using MachActors.Actors.Timing;
using MachActors.Personalities.Rt.Emulation;

namespace MachActors.Personalities.Rt;

/// <summary>The executive's first program: it runs in an RT task of its own and creates the periodic tasks (rt_task_create); the server ends once it and every task it made have exited.</summary>
public delegate Task RtProgram(RtEnv rt);

/// <summary>Test-only deliberate bugs of the RT server, each of which the property must catch (docs/RT.md, "Tests").</summary>
[Flags]
internal enum RtSeededBugs
{
    /// <summary>No bug.</summary>
    None = 0,

    /// <summary>Every job is released half its period late (its deadline stays nominal).</summary>
    ReleaseLate = 1,

    /// <summary>Task priorities are turned upside down (the best becomes the worst).</summary>
    InvertPriorities = 2,

    /// <summary>A job's response is measured from the next job's release (the index advanced too early): lateness under a period is not seen.</summary>
    DeadlineOffByOne = 4,

    /// <summary>Every task is placed on CPU 0 (the other CPUs are left unused).</summary>
    OneCpu = 8,

    /// <summary>Tasks are placed but their threads never bound: the kernel's global queue runs them on any CPU.</summary>
    NoBinding = 16,
}

/// <summary>How the RT server is set up.</summary>
public sealed record RtConfig
{
    /// <summary>The first program (its RT task gets a fixed priority, <see cref="RtPriorities.Highest"/>).</summary>
    public RtProgram Main { get; init; } = _ => Task.CompletedTask;

    /// <summary>The synchronous first release is this long after the server has booted (time for Main to create the set).</summary>
    public Duration StartDelay { get; init; } = Duration.FromMilliseconds(10);

    /// <summary>Where the server publishes its statistics for the host (updated at each completion and at the end).</summary>
    public RtReport Report { get; init; } = new();

    /// <summary>Test-only seeded bugs.</summary>
    internal RtSeededBugs SeededBugs { get; init; }
}
