using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Properties.Kernel.Vm;

/// <summary>What a step gave (or is expected to give): a code, read bytes, or an EXC_BAD_ACCESS (code and subcode); Skipped when the step was not run.</summary>
public sealed record VmOutcome(string Text, byte[]? Data = null)
{
    /// <summary>The step was not run (see <see cref="VmModel.Skips"/>).</summary>
    public static readonly VmOutcome Skipped = new("skipped");

    /// <summary>A call's return code.</summary>
    public static VmOutcome Code(KernReturn code) => new(code.ToString());

    /// <summary>An access ended in EXC_BAD_ACCESS with this code at this address (its low 32 bits, the subcode).</summary>
    public static VmOutcome BadAccess(int code, int subcode) => new($"EXC_BAD_ACCESS({(KernReturn)code}, 0x{subcode:x})");

    /// <summary>A read's bytes.</summary>
    public static VmOutcome Bytes(byte[] data) => new("read", data);

    /// <summary>The difference from <paramref name="other"/> in words, or null when equal.</summary>
    public string? Difference(VmOutcome other)
    {
        if (Text != other.Text) return $"got {Text}, expected {other.Text}";
        if (Data is null || other.Data is null) return null;
        if (Data.Length != other.Data.Length) return $"read {Data.Length} bytes, expected {other.Data.Length}";
        var i = Data.AsSpan().CommonPrefixLength(other.Data);
        return i == Data.Length ? null : $"byte {i} (of {Data.Length}) is {Data[i]}, expected {other.Data[i]}";
    }
}

/// <summary>
/// The flat reference model of property (a): per task, page index -> slot (protection, inheritance,
/// shared flag, and the page's bytes as a cell that share inheritance makes several tasks hold).
/// No objects, no shadows, no paging: copy inheritance and vm_copy copy bytes at once.
/// </summary>
/// <remarks>
/// Every copy and share combination is run: sharing memory copied copy-on-write before (this property
/// found the lost write that the copy-up's flush of the source frame fixed), copying shared memory
/// (copy objects), and vm_copy onto shared memory (written in place: every sharer sees it).
/// </remarks>
public sealed class VmModel
{
    private const int P = VmScript.PageSize;
    private readonly List<Dictionary<int, Slot>> _tasks = [[]];

    /// <summary>Tasks that exist.</summary>
    public int TaskCount => _tasks.Count;

    /// <summary>Whether the step cannot be run here (a fork beyond <see cref="VmScript.MaxTasks"/>).</summary>
    public bool Skips(VmOp op, int task) => op.Kind == VmOpKind.Fork && _tasks.Count >= VmScript.MaxTasks;

    /// <summary>The mapped runs of <paramref name="task"/> (first page, page count).</summary>
    public IEnumerable<(int Page, int Count)> Runs(int task, Func<VmProt, bool>? where = null)
    {
        for (var p = 0; p < VmScript.Pages; p++)
        {
            if (!Takes(task, p, where)) continue;
            var start = p;
            while (p + 1 < VmScript.Pages && Takes(task, p + 1, where)) p++;
            yield return (start, p - start + 1);
        }
    }

    private bool Takes(int task, int page, Func<VmProt, bool>? where) =>
        _tasks[task].TryGetValue(page, out var s) && (where is null || where(s.Prot));

    /// <summary>Applies a step (not skipped) to the model and returns what it must give.</summary>
    public VmOutcome Apply(VmOp op, int task)
    {
        var map = _tasks[task];
        switch (op.Kind)
        {
            case VmOpKind.Allocate:
                if (Pages(op.Page, op.Count).Any(map.ContainsKey)) return VmOutcome.Code(KernReturn.NoSpace);
                foreach (var p in Pages(op.Page, op.Count)) map[p] = new Slot(new byte[P], VmMap.DefaultProtection, VmInherit.Copy, false);
                return VmOutcome.Code(KernReturn.Success);
            case VmOpKind.Deallocate:
                foreach (var p in Pages(op.Page, op.Count)) map.Remove(p);
                return VmOutcome.Code(KernReturn.Success);
            case VmOpKind.Protect or VmOpKind.Inherit:
                if (!Pages(op.Page, op.Count).All(map.ContainsKey)) return VmOutcome.Code(KernReturn.InvalidAddress);
                foreach (var p in Pages(op.Page, op.Count)) map[p] = op.Kind == VmOpKind.Protect ? map[p] with { Prot = op.Prot } : map[p] with { Inherit = op.Inherit };
                return VmOutcome.Code(KernReturn.Success);
            case VmOpKind.Write:
                return Access(map, op, VmProt.Write, op.Data());
            case VmOpKind.Read:
                return Access(map, op, VmProt.Read, null);
            case VmOpKind.Race:
                var (a, b) = (Access(map, op, VmProt.Read, null), Access(_tasks[op.Target % _tasks.Count], op, VmProt.Read, null));
                return new VmOutcome($"{a.Text} | {b.Text}", a.Data is null && b.Data is null ? null : [.. a.Data ?? [], .. b.Data ?? []]);
            case VmOpKind.Copy:
                return Copy(map, op);
            default:
                Fork(task, op);
                return VmOutcome.Code(KernReturn.Success);
        }
    }

    private static VmOutcome Copy(Dictionary<int, Slot> map, VmOp op)
    {
        var source = Pages(op.Page, op.Count).ToArray();
        var target = Pages(op.Target, op.Count).ToArray();
        if (Check(target, VmProt.Write) is { } t) return VmOutcome.Code(t);
        if (Check(source, VmProt.Read) is { } s) return VmOutcome.Code(s);
        var copies = source.Select(p => (byte[])map[p].Cell.Clone()).ToArray();
        for (var i = 0; i < target.Length; i++) copies[i].CopyTo(map[target[i]].Cell, 0); // in place: a shared page's sharers see it
        return VmOutcome.Code(KernReturn.Success);

        KernReturn? Check(int[] pages, VmProt need) =>
            !pages.All(map.ContainsKey) ? KernReturn.InvalidAddress : pages.Any(p => (map[p].Prot & need) == 0) ? KernReturn.ProtectionFailure : null;
    }

    private void Fork(int task, VmOp op)
    {
        var map = _tasks[task];
        if (!op.KeepInheritance) foreach (var p in map.Keys.ToList()) map[p] = map[p] with { Inherit = op.Inherit };
        var child = new Dictionary<int, Slot>();
        foreach (var (p, s) in map.ToList())
        {
            switch (s.Inherit)
            {
                case VmInherit.Share:
                    map[p] = s with { Shared = true };
                    child[p] = map[p];
                    break;
                case VmInherit.Copy:
                    child[p] = s with { Cell = (byte[])s.Cell.Clone(), Shared = false };
                    break;
            }
        }
        _tasks.Add(child);
    }

    /// <summary>An access page by page, as MachMemory does it: the first page that is unmapped or lacks the access ends it.</summary>
    private static VmOutcome Access(Dictionary<int, Slot> map, VmOp op, VmProt need, byte[]? data)
    {
        var read = new byte[op.Length];
        for (var done = 0; done < op.Length;)
        {
            var at = op.Address + done;
            var page = (int)(at / P);
            var inPage = (int)(at % P);
            var chunk = Math.Min(op.Length - done, P - inPage);
            if (!map.TryGetValue(page, out var s)) return VmOutcome.BadAccess((int)KernReturn.InvalidAddress, Subcode(at));
            if ((s.Prot & need) == 0) return VmOutcome.BadAccess((int)KernReturn.ProtectionFailure, Subcode(at));
            if (data is null) s.Cell.AsSpan(inPage, chunk).CopyTo(read.AsSpan(done));
            else data.AsSpan(done, chunk).CopyTo(s.Cell.AsSpan(inPage));
            done += chunk;
        }
        return data is null ? VmOutcome.Bytes(read) : VmOutcome.Code(KernReturn.Success);
    }

    /// <summary>The subcode of a bad access at region offset <paramref name="at"/>.</summary>
    private static int Subcode(long at) => unchecked((int)(VmScriptRun.Base + (ulong)at));

    private static IEnumerable<int> Pages(int first, int count) => Enumerable.Range(first, Math.Max(0, Math.Min(count, VmScript.Pages - first)));

    /// <summary>One page of a task: its bytes (a cell several tasks hold after share inheritance), protection, inheritance, and whether share inheritance made it shared.</summary>
    private sealed record Slot(byte[] Cell, VmProt Prot, VmInherit Inherit, bool Shared);
}
