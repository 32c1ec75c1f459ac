using MachActors.Actors.Dispatch;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Conformance;

public static partial class PagerDuties
{
    /// <summary>
    /// Duty "return-refault" (spec §2.1 data_return, I8, R1): a page the kernel hands back with
    /// data_return is what the pager supplies at the next data_request for it (the kernel sends the
    /// request only after the return, so a pager handling its messages in order serves the returned
    /// bytes). Check: on a machine under memory pressure (48 frames, swap) a task writes a pattern into
    /// 40 pages of the object, then reads them all back; the paging daemon hands pages back in between.
    /// Not applicable when no page went back (nothing to judge).
    /// </summary>
    public static DutyResult KeepsReturnedPages(PagerFactory pager, DispatcherKind dispatcher)
    {
        const int Pages = 40;
        using var m = new ConformanceMachine(pager, dispatcher, PagerContract.Pressed);
        m.Publish(Object1, 1);
        string? wrong = null;
        var done = false;
        m.Start(async env =>
        {
            var at = await ConformanceMachine.Map(env, Object1, Pages);
            if (at == 0) return;
            for (var p = 0; p < Pages; p++) await env.Mem.Write(at + (ulong)(p * m.PageSize), Pattern(1, p, m.PageSize));
            for (var p = 0; p < Pages && wrong is null; p++)
            {
                if (Difference(await env.Mem.Read(at + (ulong)(p * m.PageSize), m.PageSize), Pattern(1, p, m.PageSize)) is { } d) wrong = Inv($"page {p} {d} (the written byte)");
            }
            done = true;
        });
        m.Run(PagerContract.TimeLimit);
        return Judge(m, () => Refaulted(m, done, wrong, 1));
    }

    /// <summary>
    /// Duty "separate-objects" (spec §1: the memory object port is the object, and init's key names it
    /// to the pager): two objects of one pager keep their own pages. Check: under memory pressure a task
    /// writes different patterns into 24 pages of each of two objects, then reads the first object, the
    /// second, and the first again; a pager that mixes the objects' pages up (one store for both, pages
    /// found by offset alone) serves one object's returned page for the other.
    /// </summary>
    public static DutyResult KeepsObjectsApart(PagerFactory pager, DispatcherKind dispatcher)
    {
        const int Pages = 24;
        using var m = new ConformanceMachine(pager, dispatcher, PagerContract.Pressed);
        m.Publish(Object1, 1);
        m.Publish(Object2, 2);
        string? wrong = null;
        var done = false;
        m.Start(async env =>
        {
            ulong[] at = [await ConformanceMachine.Map(env, Object1, Pages), await ConformanceMachine.Map(env, Object2, Pages)];
            if (at[0] == 0 || at[1] == 0) return;
            for (var o = 0; o < 2; o++)
            {
                for (var p = 0; p < Pages; p++) await env.Mem.Write(at[o] + (ulong)(p * m.PageSize), Pattern(o + 1, p, m.PageSize));
            }
            foreach (var o in (int[])[0, 1, 0])
            {
                for (var p = 0; p < Pages && wrong is null; p++)
                {
                    var seen = await env.Mem.Read(at[o] + (ulong)(p * m.PageSize), m.PageSize);
                    if (Difference(seen, Pattern(o + 1, p, m.PageSize)) is not { } d) continue;
                    var other = Difference(seen, Pattern(2 - o, p, m.PageSize)) is null ? Inv($": it holds object {2 - o}'s page") : "";
                    wrong = Inv($"object {o + 1} page {p} {d} (the written byte){other}");
                }
            }
            done = true;
        });
        m.Run(PagerContract.TimeLimit);
        return Judge(m, () =>
        {
            var keys = m.ToPager.Select(e => e.Message).OfType<MemoryObjectInit>().Select(i => i.Key).Distinct().Order().ToList();
            if (keys.Count < 2) return DutyResult.Fail($"the pager was asked to init only {keys.Count} of the 2 objects ({Fault(m)})");
            return Refaulted(m, done, wrong, 2);
        });
    }

    /// <summary>The verdict of a write-then-read-back run under pressure: a wrong read fails, no data_return is not applicable.</summary>
    private static DutyResult Refaulted(ConformanceMachine m, bool done, string? wrong, int objects)
    {
        var returns = m.ToPager.Count(e => e.Message is DataReturn);
        if (wrong is not null) return DutyResult.Fail(wrong + Inv($"; the pager was handed {returns} page(s) with data_return and served something else"));
        if (!done) return DutyResult.Fail($"the task did not finish ({Fault(m)})");
        if (returns == 0) return DutyResult.NotApplicable("no page went back to the pager (data_return) under memory pressure: nothing to judge");
        var refaults = m.ToPager.Count(e => e.Message is DataRequest);
        return DutyResult.Pass(Inv($"{returns} page(s) of {objects} object(s) returned and {refaults} data_request(s) served; every page read back what was written"));
    }
}
