using MachActors.Actors.Dispatch;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Conformance;

public static partial class PagerDuties
{
    /// <summary>
    /// Duty "ready" (spec §2.1 init, I3): the kernel sends no data_request until the pager answers init
    /// with ready or change_attributes, and a fault waits at most the pager timeout for it. Check: one
    /// page mapped and read on a plain machine; the pager's first answer on the init's control port is
    /// ready or change_attributes (not destroy, not silence), within the timeout (the read itself is the
    /// business of "supply").
    /// </summary>
    public static DutyResult AnswersInit(PagerFactory pager, DispatcherKind dispatcher)
    {
        using var m = new ConformanceMachine(pager, dispatcher, PagerContract.Plain);
        m.Publish(Object1, 1);
        m.Start(async env =>
        {
            var at = await ConformanceMachine.Map(env, Object1, 1);
            if (at != 0) await env.Mem.Read(at, 8);
        });
        m.Run(PagerContract.TimeLimit);
        return Judge(m, () =>
        {
            if (m.ToPager.FirstOrDefault(e => e.Message is MemoryObjectInit) is not (var sent, MemoryObjectInit init)) return DutyResult.Fail($"the kernel sent no init: the mapping failed ({Fault(m)})");
            var answer = m.FromPager.FirstOrDefault(c => c.Call.Control == init.Control && c.Call is Ready or ChangeAttributes or Destroy);
            if (answer.Call is null) return DutyResult.Fail($"init was never answered with ready or change_attributes: the first fault waited the pager timeout ({m.Timeout}) and failed ({Fault(m)})");
            if (answer.Call is Destroy) return DutyResult.Fail("init was answered with destroy: the object can never be used");
            var after = Between(sent, answer.Time);
            if (after > m.Timeout) return DutyResult.Fail($"ready came {after} after init, past the pager timeout ({m.Timeout})");
            return DutyResult.Pass($"ready {after} after init");
        });
    }

    /// <summary>
    /// Duty "supply" (spec §2.1 data_request, §2.2 data_supply / data_unavailable / data_error, I4, I5):
    /// each data_request is answered, within the pager timeout, with whole pages of the kernel's page
    /// size at page-aligned offsets, or with data_unavailable (the kernel zero-fills); a malformed supply
    /// is ignored by the kernel, so the fault fails as if the pager were silent. data_error is legal for
    /// a real I/O error, but a fresh object's first pages must be readable, so it fails here. Check: four
    /// pages mapped and read; every request's first well-formed answer is in time and the reads show the
    /// answered bytes.
    /// </summary>
    public static DutyResult SuppliesRequests(PagerFactory pager, DispatcherKind dispatcher)
    {
        var seen = new byte[4][];
        using var m = ReadPages(pager, dispatcher, seen, 1);
        return Judge(m, () =>
        {
            var requests = m.ToPager.Where(e => e.Message is DataRequest).Select(e => (e.Time, Request: (DataRequest)e.Message)).ToList();
            if (requests.Count == 0) return DutyResult.Fail($"no data_request reached the pager: the mapping or ready failed ({Fault(m)})");
            var calls = m.FromPager;
            int supplied = 0, unavailable = 0;
            foreach (var (time, request) in requests)
            {
                var answers = calls.Where(c => c.Time >= time && Answers(c.Call, request.Control, request.Offset, m.PageSize)).ToList();
                var good = answers.FirstOrDefault(c => Malformed(c.Call, m.PageSize) is null);
                if (good.Call is null)
                {
                    return DutyResult.Fail(answers.Count > 0
                        ? Inv($"the answer to data_request for offset {request.Offset} is malformed: {Malformed(answers[0].Call, m.PageSize)}; the kernel ignores it, so the fault failed at the pager timeout")
                        : Inv($"data_request for offset {request.Offset} was never answered: the fault failed at the pager timeout ({m.Timeout})"));
                }
                if (good.Call is DataError error) return DutyResult.Fail(Inv($"data_request for offset {request.Offset} of a fresh object was answered with data_error ({error.Error}): its reader took a memory error"));
                var after = Between(time, good.Time);
                if (after > m.Timeout) return DutyResult.Fail(Inv($"data_request for offset {request.Offset} was answered {after} later, past the pager timeout ({m.Timeout})"));
                if (good.Call is DataSupply) supplied++;
                else unavailable++;
            }
            return ReadsDiffer(m, requests[0].Request.Control, seen) is { } wrong
                ? DutyResult.Fail(wrong)
                : DutyResult.Pass(Inv($"{requests.Count} data_request(s) answered in time: {supplied} with data_supply, {unavailable} with data_unavailable (zero fill)"));
        });
    }

    /// <summary>
    /// Duty "unsolicited" (spec I4, R9): the kernel accepts a supplied page nobody asked for when nothing
    /// is resident at its offset (read-ahead), refuses it with MEMORY_PRESENT when a page is, and ignores
    /// data_unavailable / data_error with no fault waiting; so pages supplied unasked never break the
    /// kernel, and are only counted. Check: eight pages mapped and read twice; every answer is matched
    /// to an outstanding data_request, and the reads show the first bytes answered for each page. Pass:
    /// nothing unasked; advisory: pages answered unasked (read-ahead, duplicates), reads still right.
    /// </summary>
    public static DutyResult ToleratesUnsolicited(PagerFactory pager, DispatcherKind dispatcher)
    {
        var seen = new byte[8][];
        using var m = ReadPages(pager, dispatcher, seen, 2);
        return Judge(m, () =>
        {
            var outstanding = new HashSet<(ControlIncarnation, long)>();
            ControlIncarnation? control = null;
            int asked = 0, unasked = 0;
            foreach (var e in m.Timeline)
            {
                switch (e.Message)
                {
                    case DataRequest r:
                        outstanding.Add((r.Control, r.Offset));
                        control ??= r.Control;
                        break;
                    case PagerControlMessage call and (DataSupply or DataUnavailable or DataError) when Malformed(call, m.PageSize) is null:
                        foreach (var offset in Covered(call, m.PageSize))
                        {
                            if (outstanding.Remove((call.Control, offset))) asked++;
                            else unasked++;
                        }
                        break;
                }
            }
            if (control is not { } c) return DutyResult.Fail($"no data_request reached the pager: the mapping or ready failed ({Fault(m)})");
            if (ReadsDiffer(m, c, seen) is { } wrong) return DutyResult.Fail(wrong);
            return unasked == 0
                ? DutyResult.Pass(Inv($"{asked} page(s) answered, each for an outstanding data_request; nothing unasked"))
                : DutyResult.Advisory(Inv($"{unasked} page(s) answered with no data_request outstanding (read-ahead or duplicate answers); the kernel accepted them when nothing was resident and ignored the rest (I4, R9), and the reads stayed right; such pages must never be older than a page the kernel returned"));
        });
    }

    /// <summary>
    /// A plain machine on which a task maps <c>seen.Length</c> pages of one object and reads them all,
    /// <paramref name="rounds"/> times; <paramref name="seen"/> gets the last bytes read of each page.
    /// </summary>
    private static ConformanceMachine ReadPages(PagerFactory pager, DispatcherKind dispatcher, byte[]?[] seen, int rounds)
    {
        var m = new ConformanceMachine(pager, dispatcher, PagerContract.Plain);
        try
        {
            m.Publish(Object1, 1);
            m.Start(async env =>
            {
                var at = await ConformanceMachine.Map(env, Object1, seen.Length);
                if (at == 0) return;
                for (var round = 0; round < rounds; round++)
                {
                    for (var p = 0; p < seen.Length; p++) seen[p] = await env.Mem.Read(at + (ulong)(p * m.PageSize), m.PageSize);
                }
            });
            m.Run(PagerContract.TimeLimit);
            return m;
        }
        catch
        {
            m.Dispose();
            throw;
        }
    }

    /// <summary>The page offsets an answer covers (at most 64 pages of a large range).</summary>
    private static IEnumerable<long> Covered(PagerControlMessage call, int pageSize) => call switch
    {
        DataSupply s => Enumerable.Range(0, s.Pages.Length).Select(i => s.Offset + ((long)i * pageSize)),
        DataUnavailable u => Pages(u.Offset, u.Size, pageSize),
        DataError e => Pages(e.Offset, e.Size, pageSize),
        _ => [],
    };

    private static IEnumerable<long> Pages(long offset, long size, int pageSize) =>
        Enumerable.Range(0, (int)Math.Min(64, size / pageSize)).Select(i => offset + ((long)i * pageSize));

    /// <summary>Whether the pages read (<paramref name="seen"/>, page i at offset i) differ from what the pager first answered on <paramref name="control"/>; the first difference, or null.</summary>
    private static string? ReadsDiffer(ConformanceMachine m, ControlIncarnation control, byte[]?[] seen)
    {
        var first = FirstAnswers(m);
        for (var p = 0; p < seen.Length; p++)
        {
            if (seen[p] is not { } bytes) return Inv($"page {p} was not read ({Fault(m)})");
            if (!first.TryGetValue((control, (long)p * m.PageSize), out var answered)) return Inv($"page {p} was read, but the pager never answered for it");
            if (Difference(bytes, answered.AsSpan()) is { } d) return Inv($"page {p} {d}: not the bytes the pager answered");
        }
        return null;
    }
}
