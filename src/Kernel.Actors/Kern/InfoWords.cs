using System.Buffers.Binary;
using System.Collections.Immutable;
using MachActors.Actors.Timing;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The int32 words of task_info, thread_info and host_info as they travel in MIG replies (4 bytes
/// each, little-endian; docs/MIG.md). Flavors and layouts follow GNU Mach's BASIC and SCHED infos,
/// with the fields the machine has (no virtual memory yet: sizes are 0).
/// </summary>
public static class InfoWords
{
    /// <summary>TASK_BASIC_INFO / THREAD_BASIC_INFO / HOST_BASIC_INFO.</summary>
    public const int Basic = 1;

    /// <summary>THREAD_SCHED_INFO.</summary>
    public const int Sched = 2;

    /// <summary>Task basic: suspend_count, base_priority, virtual_size, resident_size, user_time (s, us), system_time (s, us), creation_time (s, us).</summary>
    public const int TaskBasicCount = 10;

    /// <summary>Thread basic: user_time (s, us), system_time (s, us), cpu_usage, base_priority, cur_priority, run_state, flags, suspend_count, sleep_time.</summary>
    public const int ThreadBasicCount = 11;

    /// <summary>Index of run_state in the thread basic words.</summary>
    public const int ThreadBasicRunState = 7;

    /// <summary>Index of suspend_count in the thread basic words.</summary>
    public const int ThreadBasicSuspendCount = 9;

    /// <summary>Thread sched: policy, data, base_priority, max_priority, cur_priority, depressed, depress_priority.</summary>
    public const int ThreadSchedCount = 7;

    /// <summary>Host basic: max_cpus, avail_cpus, memory_size, cpu_type, cpu_subtype.</summary>
    public const int HostBasicCount = 5;

    /// <summary>task_info's words for <paramref name="flavor"/>; InvalidArgument for another flavor or fewer than the flavor's words allowed.</summary>
    public static (KernReturn Code, ImmutableArray<byte> Words) Task(int flavor, int count, TaskBasicInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (flavor != Basic || count < TaskBasicCount) return (KernReturn.InvalidArgument, []);
        var (ts, tus) = Split(info.DeadThreadsTime);
        var (cs, cus) = Split(info.Created - VirtualTime.Zero);
        return (KernReturn.Success, Pack([info.SuspendCount, info.BasePriority, 0, 0, ts, tus, 0, 0, cs, cus]));
    }

    /// <summary>thread_info's words for <paramref name="flavor"/> (BASIC or SCHED); InvalidArgument otherwise or when <paramref name="count"/> is too small.</summary>
    public static (KernReturn Code, ImmutableArray<byte> Words) Thread(int flavor, int count, ThreadBasicInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        switch (flavor)
        {
            case Basic when count >= ThreadBasicCount:
                var (s, us) = Split(info.CpuTime);
                return (KernReturn.Success, Pack([s, us, 0, 0, 0, info.BasePriority, info.SchedPriority, (int)info.State, 0, info.SuspendCount, 0]));
            case Sched when count >= ThreadSchedCount:
                return (KernReturn.Success, Pack([(int)info.Policy, 0, info.BasePriority, info.MaxPriority, info.SchedPriority, 0, 0]));
            default:
                return (KernReturn.InvalidArgument, []);
        }
    }

    /// <summary>The words as int32 values (a trailing partial word is ignored).</summary>
    public static ImmutableArray<int> Unpack(ImmutableArray<byte> bytes)
    {
        var words = ImmutableArray.CreateBuilder<int>(bytes.Length / 4);
        for (var i = 0; i + 4 <= bytes.Length; i += 4) words.Add(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i, 4)));
        return words.MoveToImmutable();
    }

    /// <summary>int32 values as little-endian bytes.</summary>
    public static ImmutableArray<byte> Pack(ReadOnlySpan<int> words)
    {
        var bytes = new byte[words.Length * 4];
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), words[i]);
        return ImmutableArray.Create(bytes);
    }

    private static (int Seconds, int Microseconds) Split(Duration d)
    {
        var us = d.Nanoseconds / 1000;
        return ((int)(us / 1_000_000), (int)(us % 1_000_000));
    }
}
