using System.Collections.Immutable;

namespace MachActors.Personalities.Rt.Emulation;

/// <summary>
/// The executive's system call numbers and the emulation vector its server installs in every RT task
/// (docs/RT.md, "The vector range"): 600..604, clear of UNIX's 4.3BSD numbers (1..199 here), with handler
/// ids 0x2000 + n (UNIX's are 0x1000 + n). A number outside the vector traps to the kernel, which raises
/// EXC_SOFTWARE / EXC_UNIX_BAD_SYSCALL; an RT task has no exception server, so the task is terminated.
/// </summary>
public static class RtSyscalls
{
    /// <summary>The first number of the range.</summary>
    public const int First = 600;

    /// <summary>rt_task_create.</summary>
    public const int TaskCreate = First;

    /// <summary>rt_wait_next_period.</summary>
    public const int WaitNextPeriod = First + 1;

    /// <summary>rt_now (answered in the library: virtual time is the machine's clock).</summary>
    public const int Now = First + 2;

    /// <summary>rt_misses.</summary>
    public const int Misses = First + 3;

    /// <summary>rt_exit.</summary>
    public const int Exit = First + 4;

    /// <summary>Every number the library emulates.</summary>
    public static readonly ImmutableArray<int> All = [TaskCreate, WaitNextPeriod, Now, Misses, Exit];

    /// <summary>The handler id (the "address" in the library) of number <paramref name="number"/>.</summary>
    public static int EntryFor(int number) => 0x2000 + number;

    /// <summary>The vector: from <see cref="First"/>, one handler per number.</summary>
    public static (int Start, ImmutableArray<int> Handlers) Vector() => (First, [.. All.Select(EntryFor)]);
}
