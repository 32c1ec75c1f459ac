using MachActors.Kernel;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Vm;

/// <summary>
/// Fork (copy-on-write) while pages are being paged out (spec R13/R14): a task writes a pattern into
/// more anonymous memory than fits beside a copy, forks with copy inheritance, and then parent and
/// child each overwrite every other page with their own pattern and read everything back, while the
/// daemon pages shadow and original pages out to the default pager. The check (the VM oracle for
/// copy-on-write): each side reads its own writes where it wrote and the pre-fork pattern elsewhere,
/// never the other side's bytes.
/// </summary>
public class ForkPageoutScenario : PagingScenario
{
    /// <summary>Pages of anonymous memory: with the copies, more than the machine's free frames.</summary>
    public const int Pages = 24;

    /// <inheritdoc />
    public override string Name => "vm-fork-pageout";

    /// <inheritdoc />
    public override string Description => "fork with copy inheritance while the daemon pages out originals and copies (R13/R14); neither side sees the other's writes";

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var size = run.PageSize;
        string? wrong = null;
        var finished = 0;
        async Task WriteAndCheck(MachEnv env, ulong at, byte who, int parity)
        {
            for (var p = parity; p < Pages; p += 2) await env.Mem.Write(at + (ulong)(p * size), Pattern(p, who, size));
            for (var p = 0; p < Pages; p++)
            {
                var seen = await env.Mem.Read(at + (ulong)(p * size), size);
                var expected = Pattern(p, p % 2 == parity ? who : (byte)0, size);
                if (!seen.AsSpan().SequenceEqual(expected) && wrong is null)
                {
                    wrong = $"{(who == 1 ? "parent" : "child")} reads page {p} as {Describe(seen[0], p, size)}, expected {Describe(expected[0], p, size)}";
                }
            }
            Interlocked.Increment(ref finished);
        }
        run.Start("forker", async env =>
        {
            var (code, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)(Pages * size));
            if (code != KernReturn.Success) return;
            for (var p = 0; p < Pages; p++) await env.Mem.Write(at + (ulong)(p * size), Pattern(p, 0, size));
            var (forked, child) = await env.TaskCreate(env.TaskSelf, "child", inheritMemory: true);
            if (forked != KernReturn.Success) return;
            var (created, thread) = await env.ThreadCreate(child, async c =>
            {
                await WriteAndCheck(c, at, 2, 1);
                return null;
            }, "child-main");
            if (created != KernReturn.Success || await env.ThreadResume(thread) != KernReturn.Success) return;
            await WriteAndCheck(env, at, 1, 0);
        });
        return () => wrong ?? (finished == 2 ? NoFault(run) : $"only {finished} of the 2 sides finished");
    }

    /// <summary>Page <paramref name="page"/>'s bytes as written by <paramref name="who"/> (0: before the fork, 1: parent, 2: child).</summary>
    public static byte[] Pattern(int page, byte who, int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)((who * 0x55) ^ (page * 11) ^ (i * 5));
        return bytes;
    }

    private static string Describe(byte first, int page, int size)
    {
        for (byte who = 0; who < 3; who++)
        {
            if (Pattern(page, who, size)[0] == first) return who switch { 0 => "the pre-fork bytes", 1 => "the parent's bytes", _ => "the child's bytes" };
        }
        return "other bytes";
    }
}
