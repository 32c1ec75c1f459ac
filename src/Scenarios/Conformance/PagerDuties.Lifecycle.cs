using System.Collections.Immutable;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Kernel;
using MachActors.Kernel.Vm;

namespace MachActors.Scenarios.Conformance;

public static partial class PagerDuties
{
    /// <summary>
    /// Duty "terminate" (spec §2.1 terminate, I10, I11): terminate is an incarnation's last message, every
    /// data_return of it came before, and a later mapping of the object starts a new incarnation with a
    /// new init that the pager must answer with ready. Whether the object's pages outlive the
    /// incarnation is the pager's business (the protocol says nothing about it): a pager that keeps them
    /// passes, one that forgets them is advisory ("does not persist"). Check: four pages stamped, the
    /// mapping removed (the stamped pages go back, then terminate), the object mapped again and read.
    /// Not applicable when the kernel kept the object cached (may_cache): no terminate came.
    /// </summary>
    public static DutyResult SurvivesTerminate(PagerFactory pager, DispatcherKind dispatcher)
    {
        const int Pages = 4;
        using var m = new ConformanceMachine(pager, dispatcher, PagerContract.Plain);
        m.Publish(Object1, 1);
        var again = new byte[Pages][];
        var unmapped = false;
        m.Start(async env =>
        {
            var size = (ulong)(Pages * m.PageSize);
            var at = await ConformanceMachine.Map(env, Object1, Pages);
            if (at == 0) return;
            for (var p = 0; p < Pages; p++) await env.Mem.Write(at + (ulong)(p * m.PageSize), Pattern(1, p, 8));
            if (await env.VmDeallocate(env.TaskSelf, at, size) != KernReturn.Success) return;
            unmapped = true;
            at = await ConformanceMachine.Map(env, Object1, Pages);
            if (at == 0) return;
            for (var p = 0; p < Pages; p++) again[p] = await env.Mem.Read(at + (ulong)(p * m.PageSize), 8);
        });
        m.Run(PagerContract.TimeLimit);
        return Judge(m, () =>
        {
            if (!unmapped) return DutyResult.Fail($"the first mapping was not written and removed ({Fault(m)})");
            var inits = m.ToPager.Select(e => e.Message).OfType<MemoryObjectInit>().ToList();
            if (!m.ToPager.Any(e => e.Message is Terminate))
            {
                return DutyResult.NotApplicable("the object stayed cached after its last unmap (may_cache): no terminate was sent");
            }
            if (inits.Count < 2) return DutyResult.Fail($"after terminate the object was not mapped again: no second init ({Fault(m)})");
            if (!m.FromPager.Any(c => c.Call.Control == inits[1].Control && c.Call is Ready or ChangeAttributes))
            {
                return DutyResult.Fail($"the second incarnation's init was never answered with ready ({Fault(m)})");
            }
            for (var p = 0; p < Pages; p++)
            {
                if (again[p] is not { } bytes) return DutyResult.Fail(Inv($"page {p} of the second incarnation was not read ({Fault(m)})"));
                if (Difference(bytes, Pattern(1, p, 8)) is { } d)
                {
                    return DutyResult.Advisory(Inv($"does not persist: page {p} {d} (the written byte) after the object was mapped again; the pager dropped what data_return gave it before terminate (allowed, but a file or shared-memory pager should keep pages)"));
                }
            }
            return DutyResult.Pass("after terminate a new incarnation (init, ready) served the pages written before it");
        });
    }

    /// <summary>
    /// Duty "data-unlock" (spec §2.1 data_unlock, I7, R8): when a resident page's lock (the lock value of
    /// its supply or of a lock_request) forbids an access a thread needs, the kernel sends data_unlock
    /// and the thread waits; the pager answers with a lock_request reaching the page (lifting the lock,
    /// or flushing it so the next request can be answered with an error), within the pager timeout.
    /// Check: two pages read, then written. Not applicable when the pager locked no page (no
    /// data_unlock was needed); the kernel cannot provoke one on its own.
    /// </summary>
    public static DutyResult AnswersUnlock(PagerFactory pager, DispatcherKind dispatcher)
    {
        const int Pages = 2;
        using var m = new ConformanceMachine(pager, dispatcher, PagerContract.Plain);
        m.Publish(Object1, 1);
        var done = false;
        m.Start(async env =>
        {
            var at = await ConformanceMachine.Map(env, Object1, Pages);
            if (at == 0) return;
            for (var p = 0; p < Pages; p++)
            {
                await env.Mem.Read(at + (ulong)(p * m.PageSize), 8);
                await env.Mem.Write(at + (ulong)(p * m.PageSize), [0x5A]);
            }
            done = true;
        });
        var ended = m.Run(PagerContract.TimeLimit);
        return Judge(m, () =>
        {
            var unlocks = m.ToPager.Where(e => e.Message is DataUnlock).Select(e => (e.Time, Unlock: (DataUnlock)e.Message)).ToList();
            if (unlocks.Count == 0)
            {
                return done ? DutyResult.NotApplicable("the pager locked no page against the accesses made: no data_unlock was needed") : DutyResult.Fail($"the task did not finish ({Fault(m)})");
            }
            var calls = m.FromPager;
            foreach (var (time, unlock) in unlocks)
            {
                var answer = calls.FirstOrDefault(c => c.Time >= time && c.Call is LockRequest l && l.Control == unlock.Control && unlock.Offset >= l.Offset && unlock.Offset < l.Offset + l.Size);
                if (answer.Call is null) return DutyResult.Fail(Inv($"data_unlock for offset {unlock.Offset} ({unlock.DesiredAccess}) was never answered with a lock_request: the access waited the pager timeout ({m.Timeout}) ({Fault(m)})"));
                if (Between(time, answer.Time) > m.Timeout) return DutyResult.Fail(Inv($"data_unlock for offset {unlock.Offset} was answered {Between(time, answer.Time)} later, past the pager timeout ({m.Timeout})"));
            }
            if (!ended) return DutyResult.Fail(Inv($"the writes never completed: {unlocks.Count} data_unlock(s) were answered with lock_requests that never lifted the lock (R8)"));
            return DutyResult.Pass(done
                ? Inv($"{unlocks.Count} data_unlock(s) answered with lock_request in time; the writes went through")
                : Inv($"{unlocks.Count} data_unlock(s) answered with lock_request in time; the pager refused the write ({Fault(m)})"));
        });
    }

    /// <summary>
    /// Duty "stale-ports" (spec §1 control port, R3, R4): messages naming a control port the pager does not
    /// know (never initialised, or terminated) can only be stale, and are ignored: the pager must not stop
    /// on them nor apply them to the object (the SDK's <c>Pager</c> does this for its subclasses). Check:
    /// the object is mapped, written and unmapped (an incarnation ends); then the pager is sent a forged
    /// data_request, data_unlock, data_return (of 0xEE bytes), lock_completed, supply_completed and
    /// terminate on the terminated control port and on one it never saw; then the object is mapped and
    /// read again: the pager is alive, serves it, and page 0 does not hold the forged bytes.
    /// </summary>
    public static DutyResult IgnoresStalePorts(PagerFactory pager, DispatcherKind dispatcher)
    {
        using var m = new ConformanceMachine(pager, dispatcher, PagerContract.Plain);
        m.Publish(Object1, 1);
        m.Start(async env =>
        {
            var at = await ConformanceMachine.Map(env, Object1, 2);
            if (at == 0) return;
            await env.Mem.Write(at, Pattern(1, 0, m.PageSize));
            await env.VmDeallocate(env.TaskSelf, at, (ulong)(2 * m.PageSize));
        });
        m.Run(PagerContract.TimeLimit);
        if (m.ToPager.Select(e => e.Message).OfType<MemoryObjectInit>().FirstOrDefault() is not { } init)
        {
            return Judge(m, () => DutyResult.Fail($"the kernel sent no init: the mapping failed ({Fault(m)})"));
        }
        var terminated = m.ToPager.Any(e => e.Message is Terminate t && t.Control == init.Control);
        ControlIncarnation[] forged = terminated ? [init.Control, init.Control with { Id = init.Control.Id + 1_000_000 }] : [init.Control with { Id = init.Control.Id + 1_000_000 }];
        var before = m.FromPager.Count;
        var poison = ImmutableArray.Create(Enumerable.Repeat((byte)0xEE, m.PageSize).ToArray());
        var seqno = 1_000_000L;
        foreach (var c in forged)
        {
            foreach (var message in (PagerMessage[])
                     [
                         new DataRequest(++seqno, c, 0, m.PageSize, VmProt.Read), new DataUnlock(++seqno, c, 0, m.PageSize, VmProt.Write),
                         new DataReturn(++seqno, c, 0, poison, true, false), new LockCompleted(++seqno, c, 0, m.PageSize),
                         new SupplyCompleted(++seqno, c, 0, m.PageSize, KernReturn.Success, 0), new Terminate(++seqno, c, init.Name),
                     ])
            {
                m.Pager.Tell(message, null);
            }
        }
        byte[]? page0 = null;
        m.Start(async env =>
        {
            var at = await ConformanceMachine.Map(env, Object1, 2);
            if (at == 0) return;
            page0 = await env.Mem.Read(at, m.PageSize);
            await env.Mem.Read(at + (ulong)m.PageSize, 8);
        });
        m.Run(PagerContract.TimeLimit);
        return Judge(m, () =>
        {
            var what = Inv($"{forged.Length * 6} forged messages on {(terminated ? "a terminated and an unknown" : "an unknown")} control port");
            if (page0 is null) return DutyResult.Fail($"after {what} the object could not be used again ({Fault(m)})");
            if (page0.AsSpan().IndexOfAnyExcept((byte)0xEE) < 0) return DutyResult.Fail($"the pager applied a data_return among {what}: page 0 reads the forged bytes");
            var answered = m.FromPager.Skip(before).Count(c => forged.Contains(c.Call.Control));
            return DutyResult.Pass(what + " ignored" + (answered > 0 ? Inv($"; the pager answered {answered} of them on those ports (the kernel ignores such calls)") : ""));
        });
    }
}
