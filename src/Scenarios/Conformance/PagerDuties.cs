using System.Collections.Immutable;
using System.Globalization;
using MachActors.Actors.Timing;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Conformance;

/// <summary>
/// The checks of <see cref="PagerContract.Duties"/>, one method each (in <c>PagerDuties.Answers.cs</c>,
/// <c>PagerDuties.Paging.cs</c>, <c>PagerDuties.Lifecycle.cs</c>), and what they share: finding the
/// pager's answer to a request, the first bytes the pager gave each page, and the rule that a pager
/// that stopped fails whatever else was seen.
/// </summary>
public static partial class PagerDuties
{
    /// <summary>The name the first memory object is published under.</summary>
    private const string Object1 = "pager-check-object-1";

    /// <summary>The name the second memory object is published under.</summary>
    private const string Object2 = "pager-check-object-2";

    /// <summary>
    /// The verdict of a run: a failure when the pager stopped (its exception first, then what the duty
    /// saw), else <paramref name="verdict"/>'s.
    /// </summary>
    private static DutyResult Judge(ConformanceMachine m, Func<DutyResult> verdict)
    {
        var result = verdict();
        if (m.PagerFailure is not { } failure) return result;
        return DutyResult.Fail($"the pager stopped ({failure}); then: {result.Detail}") with { PagerStopped = failure };
    }

    /// <summary>Whether <paramref name="call"/> is an answer (data_supply, data_unavailable, data_error) on <paramref name="control"/> covering <paramref name="offset"/>.</summary>
    private static bool Answers(PagerControlMessage call, ControlIncarnation control, long offset, int pageSize) =>
        call.Control == control && call switch
        {
            DataSupply s => offset >= s.Offset && offset < s.Offset + ((long)s.Pages.Length * pageSize),
            DataUnavailable u => offset >= u.Offset && offset < u.Offset + u.Size,
            DataError e => offset >= e.Offset && offset < e.Offset + e.Size,
            _ => false,
        };

    /// <summary>Whether an answer is malformed: an unaligned offset, a page of the wrong size, an empty range. The problem, or null.</summary>
    private static string? Malformed(PagerControlMessage call, int pageSize) => call switch
    {
        DataSupply s when s.Offset % pageSize != 0 => Inv($"data_supply at the unaligned offset {s.Offset}"),
        DataSupply s when s.Pages.IsDefaultOrEmpty => Inv($"data_supply at offset {s.Offset} with no pages"),
        DataSupply s when s.Pages.FirstOrDefault(p => p.Length != pageSize) is { IsDefault: false } bad => Inv($"data_supply at offset {s.Offset} with a page of {bad.Length} bytes (the page size is {pageSize})"),
        DataUnavailable u when u.Offset % pageSize != 0 || u.Size <= 0 || u.Size % pageSize != 0 => Inv($"data_unavailable of [{u.Offset}, +{u.Size}), not whole pages"),
        DataError e when e.Offset % pageSize != 0 || e.Size <= 0 || e.Size % pageSize != 0 => Inv($"data_error of [{e.Offset}, +{e.Size}), not whole pages"),
        _ => null,
    };

    /// <summary>
    /// The pages each incarnation's first well-formed answers gave, as the kernel installs them: the
    /// supplied bytes, or zeros for data_unavailable (the first answer for a page wins; later ones are
    /// refused or ignored while it stays resident).
    /// </summary>
    private static Dictionary<(ControlIncarnation Control, long Offset), ImmutableArray<byte>> FirstAnswers(ConformanceMachine m)
    {
        var first = new Dictionary<(ControlIncarnation, long), ImmutableArray<byte>>();
        var zeros = ImmutableArray.Create(new byte[m.PageSize]);
        foreach (var (_, call) in m.FromPager)
        {
            if (Malformed(call, m.PageSize) is not null) continue;
            switch (call)
            {
                case DataSupply s:
                    for (var i = 0; i < s.Pages.Length; i++) first.TryAdd((s.Control, s.Offset + ((long)i * m.PageSize)), s.Pages[i]);
                    break;
                case DataUnavailable u:
                    for (var at = u.Offset; at < u.Offset + Math.Min(u.Size, 64L * m.PageSize); at += m.PageSize) first.TryAdd((u.Control, at), zeros);
                    break;
            }
        }
        return first;
    }

    /// <summary>The first difference of <paramref name="seen"/> from <paramref name="expected"/> ("byte B reads X, expected Y"), or null when equal.</summary>
    private static string? Difference(ReadOnlySpan<byte> seen, ReadOnlySpan<byte> expected)
    {
        var at = seen.CommonPrefixLength(expected);
        if (at == expected.Length && seen.Length == expected.Length) return null;
        return at < Math.Min(seen.Length, expected.Length) ? Inv($"byte {at} reads {seen[at]:x2}, expected {expected[at]:x2}") : Inv($"{seen.Length} bytes read, {expected.Length} expected");
    }

    /// <summary>What the check's programs write into page <paramref name="page"/> of object <paramref name="key"/>: never a pager's likely initial bytes.</summary>
    private static byte[] Pattern(long key, int page, int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++) bytes[i] = (byte)(0x80 ^ (key * 0x35) ^ (page * 13) ^ (i * 7));
        return bytes;
    }

    /// <summary>The first thread fault, as a clause ("the thread faulted: ...").</summary>
    private static string Fault(ConformanceMachine m) => m.FirstFault is { } f ? "the thread faulted: " + f : "no thread faulted";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The delay between two times, for details.</summary>
    private static Duration Between(VirtualTime from, VirtualTime to) => to - from;
}
