using MachActors.Actors.Timing;
using MachActors.Kernel.Ipc;

namespace MachActors.Personalities.Unix.Emulation;

/// <summary>
/// What the library does for a program without a system call, as a UNIX libc on Mach did with Mach
/// calls of its own: memory for a heap (vm_allocate in the process's own task) and reading and writing
/// it; and two calls of the C library's side: sleep (nanosleep, answered by the server after the virtual
/// time) and the process table for ps (one system call each).
/// </summary>
public sealed partial class UnixEnv
{
    /// <summary>The machine's page size.</summary>
    public int PageSize => Mach.Machine.PageSize;

    /// <summary>sleep(3): waits <paramref name="time"/> of virtual time (nanosleep); EINTR when a caught signal interrupted it (its handler ran).</summary>
    public async Task<Errno> Sleep(Duration time) => (await Nanosleep(time)).Error;

    /// <summary>
    /// nanosleep(2): the server answers after <paramref name="time"/> of virtual time (its loop's receive
    /// timeout), or earlier when a caught signal arrives: EINTR and the time left (the handler ran).
    /// EINVAL for a negative time.
    /// </summary>
    public async Task<(Errno Error, Duration Remaining)> Nanosleep(Duration time)
    {
        var (e, s) = await Enter(Syscalls.Nanosleep);
        if (e != Errno.None) return (e, time);
        var r = await Stub.NanosleepAsync(s, time.Nanoseconds);
        var error = await Leave(r.RetCode, r.Signals);
        if (error != Errno.None) return (error, time);
        return r.Remaining > 0 ? (Errno.EINTR, Duration.FromNanoseconds(r.Remaining)) : (Errno.None, Duration.Zero);
    }

    /// <summary>malloc's pages: <paramref name="bytes"/> (rounded up to pages) of zero-filled memory anywhere in this task; ENOMEM when the task has no room.</summary>
    public async Task<(Errno Error, ulong Address)> Allocate(ulong bytes)
    {
        var (code, address) = await Mach.VmAllocate(Mach.TaskSelf, 0, bytes);
        return code == Kernel.KernReturn.Success ? (Errno.None, address) : (Errno.ENOMEM, 0);
    }

    /// <summary>Reads <paramref name="length"/> bytes of this process's memory (a fault on an unmapped address is SIGSEGV).</summary>
    public Task<byte[]> Peek(ulong address, int length) => Mach.Mem.Read(address, length);

    /// <summary>Writes <paramref name="data"/> into this process's memory (a fault on an unmapped or read-only address is SIGSEGV).</summary>
    public Task Poke(ulong address, byte[] data) => Mach.Mem.Write(address, data);

    /// <summary>getprocs: the server's process table, one entry per process in pid order.</summary>
    public async Task<(Errno Error, IReadOnlyList<ProcEntry> Processes)> Procs()
    {
        var (e, s) = await Enter(Syscalls.Procs);
        if (e != Errno.None) return (e, []);
        var r = await Stub.ProcsAsync(s);
        var error = await Leave(r.RetCode, r.Signals);
        if (error != Errno.None) return (error, []);
        return (Errno.None, [.. r.Table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ProcEntry.Parse)]);
    }
}

/// <summary>One process as ps shows it.</summary>
/// <param name="Pid">Its pid.</param>
/// <param name="Parent">Its parent's pid (0 for init).</param>
/// <param name="Zombie">Ended, not yet waited for.</param>
/// <param name="Name">The program it runs.</param>
public sealed record ProcEntry(int Pid, int Parent, bool Zombie, string Name)
{
    /// <summary>A "pid parent state name" line of the server's table.</summary>
    internal static ProcEntry Parse(string line)
    {
        var parts = line.Split(' ', 4);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return new ProcEntry(int.Parse(parts[0], inv), int.Parse(parts[1], inv), parts[2] == "Z", parts[3]);
    }
}
