using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Hardware.Execution;
using MachActors.Hardware.Memory;
using MachActors.Kernel.Kern;

namespace MachActors.Kernel.User;

/// <summary>
/// A thread's loads and stores (<see cref="MachEnv.Mem"/>). Each page's part of an access is one
/// <see cref="MemoryTrap"/>: the CPU translates through its TLB; a fault blocks the thread until the
/// page is resident and the trap is retried (the restart of the faulting instruction). A bad access
/// raises EXC_BAD_ACCESS (code KERN_INVALID_ADDRESS or KERN_PROTECTION_FAILURE, subcode the address's
/// low 32 bits): with no handler that accepts, the task is terminated; when a handler answers
/// KERN_SUCCESS, the access is tried again.
/// </summary>
public sealed class MachMemory
{
    private readonly MachEnv _env;
    private readonly ThreadExecution _execution;
    private readonly TaskHandle _task;
    private readonly IActorRef _memory;

    internal MachMemory(MachEnv env, ThreadExecution execution, TaskHandle task, IActorRef memory)
    {
        _env = env;
        _execution = execution;
        _task = task;
        _memory = memory;
    }

    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    public async Task<byte[]> Read(ulong address, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var result = new byte[length];
        var done = 0;
        while (done < length)
        {
            var at = address + (ulong)done;
            var chunk = ChunkAt(at, length - done);
            var bytes = await Access(at, chunk, default);
            bytes.CopyTo(result, done);
            done += chunk;
        }
        return result;
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="address"/>.</summary>
    public async Task Write(ulong address, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var done = 0;
        while (done < data.Length)
        {
            var at = address + (ulong)done;
            var chunk = ChunkAt(at, data.Length - done);
            await Access(at, chunk, ImmutableArray.Create(data, done, chunk));
            done += chunk;
        }
    }

    private int ChunkAt(ulong address, int left)
    {
        var pageSize = (ulong)_env.Machine.PageSize;
        return (int)Math.Min((ulong)left, pageSize - (address % pageSize));
    }

    private async Task<ImmutableArray<byte>> Access(ulong address, int length, ImmutableArray<byte> data)
    {
        while (true)
        {
            var answer = await _execution.Trap<object>(new MemoryTrap(_task.Ref, _memory, _task.Id, address, length, data));
            var result = answer as MemoryTrapResult ?? MemoryTrapResult.Bad((int)KernReturn.InvalidAddress); // a dead task answers a bare code
            switch (result.Outcome)
            {
                case MemoryTrapOutcome.Done:
                    return result.Data;
                case MemoryTrapOutcome.Retry:
                    continue;
            }
            var raised = await _env.RaiseException(ExceptionType.BadAccess, result.Code, unchecked((int)address));
            if (raised != KernReturn.Success) throw new InvalidOperationException($"memory access at 0x{address:x} abandoned: {raised}");
        }
    }
}
