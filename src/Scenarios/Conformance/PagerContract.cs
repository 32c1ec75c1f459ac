using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Kernel.Programs.Workloads;

namespace MachActors.Scenarios.Conformance;

/// <summary>How a pager did on a duty, from best to worst (a combined verdict is the worst).</summary>
public enum PagerVerdict
{
    /// <summary>The pager did what the protocol requires.</summary>
    Pass,

    /// <summary>The duty did not arise (the pager never locked a page, the kernel kept the object cached): nothing to judge.</summary>
    NotApplicable,

    /// <summary>Allowed by the protocol, but worth knowing (the pager forgets an object's data at terminate, supplies pages unasked).</summary>
    Advisory,

    /// <summary>The pager broke the protocol, or stopped.</summary>
    Fail,
}

/// <summary>A duty's verdict and why.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Detail">What was seen: the reason of a failure or advisory, or what passed.</param>
public sealed record DutyResult(PagerVerdict Verdict, string Detail)
{
    /// <summary>The pager's exception when it stopped during the check (then the verdict is a failure), or null.</summary>
    public string? PagerStopped { get; init; }

    /// <summary>A pass.</summary>
    public static DutyResult Pass(string detail) => new(PagerVerdict.Pass, detail);

    /// <summary>A failure.</summary>
    public static DutyResult Fail(string detail) => new(PagerVerdict.Fail, detail);

    /// <summary>An advisory.</summary>
    public static DutyResult Advisory(string detail) => new(PagerVerdict.Advisory, detail);

    /// <summary>Not applicable.</summary>
    public static DutyResult NotApplicable(string detail) => new(PagerVerdict.NotApplicable, detail);
}

/// <summary>
/// One protocol duty of an external pager (docs/PAGERS.md, "Conformance"): a name, what the protocol
/// requires (with the spec's section), and a check that boots a whole machine with the pager under
/// test on the given dispatcher and judges it.
/// </summary>
/// <param name="Name">Short name (a row of <c>machactors pager-check</c>, a test's theory data).</param>
/// <param name="Requirement">What the protocol requires, citing ../shared/spec/pager-protocol.md.</param>
/// <param name="Check">The check.</param>
public sealed record PagerDuty(string Name, string Requirement, Func<PagerFactory, DispatcherKind, DutyResult> Check)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// The pager contract suite: the duties every pager is checked on (by <c>machactors pager-check</c> and by
/// each pager's contract test class), and how a duty is run on both dispatchers. The checks are in
/// <c>PagerDuties.*.cs</c>.
/// </summary>
public static class PagerContract
{
    /// <summary>The pager timeout of the check's machines: a pager must answer within it.</summary>
    public static readonly Duration Timeout = Duration.FromMilliseconds(100);

    /// <summary>Virtual time a check's machine may run.</summary>
    public static readonly Duration TimeLimit = Duration.FromSeconds(5);

    /// <summary>A machine without memory pressure: 2 CPUs, the default 1,024 frames, no swap, the check's pager timeout.</summary>
    public static MachineConfig Plain => new() { CpuCount = 2, PagerTimeout = Timeout };

    /// <summary>A machine under memory pressure: 48 frames and a swap disk, so the paging daemon hands the pager's pages back (data_return).</summary>
    public static MachineConfig Pressed => PagingWorkload.WithSwap(Plain with { FrameCount = 48, PagerTimeout = Duration.FromMilliseconds(300) });

    /// <summary>Every duty, in the order <c>pager-check</c> prints them.</summary>
    public static IReadOnlyList<PagerDuty> Duties { get; } =
    [
        new("ready", "init is answered with ready (or change_attributes) within the pager timeout; no data_request comes before it (§2.1 init, I3)", PagerDuties.AnswersInit),
        new("supply", "every data_request is answered once, within the pager timeout, with whole pages of the kernel's page size at aligned offsets (data_supply), or data_unavailable (zero fill); data_error only for real I/O errors (§2.1 data_request, §2.2, I4, I5)", PagerDuties.SuppliesRequests),
        new("return-refault", "a page handed back with data_return is what the next data_request for it gets (§2.1 data_return, I8, R1)", PagerDuties.KeepsReturnedPages),
        new("separate-objects", "each memory object has its own pages: a return to one never shows in another (§1; the key in init names the object)", PagerDuties.KeepsObjectsApart),
        new("terminate", "after terminate a new mapping starts a new incarnation (init, ready); keeping the object's pages across it is advisory (§2.1 terminate, I10, I11)", PagerDuties.SurvivesTerminate),
        new("data-unlock", "a data_unlock for a page the pager locked is answered with a lock_request reaching the page (lifting the lock, or flushing for an error), never silence (§2.1 data_unlock, I7, R8)", PagerDuties.AnswersUnlock),
        new("stale-ports", "messages naming a terminated or unknown control port are ignored: the pager neither stops nor applies them (§1 control port, R3, R4)", PagerDuties.IgnoresStalePorts),
        new("unsolicited", "pages nobody asked for (read-ahead, duplicate answers) are tolerated by the kernel and only counted; the programs' reads stay right (I4, R9)", PagerDuties.ToleratesUnsolicited),
    ];

    /// <summary>The duty named <paramref name="name"/>, or null.</summary>
    public static PagerDuty? Find(string name) => Duties.FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// Runs <paramref name="duty"/> for <paramref name="pager"/> on both dispatchers; the worse verdict,
    /// with the dispatcher named when the two differ. A check that cannot run (the machine refuses a
    /// call) is a failure, never an exception.
    /// </summary>
    public static DutyResult Run(PagerDuty duty, PagerFactory pager)
    {
        ArgumentNullException.ThrowIfNull(duty);
        var controlled = RunOn(duty, pager, DispatcherKind.Controlled);
        var parallel = RunOn(duty, pager, DispatcherKind.Parallel);
        if (controlled == parallel || (controlled.Verdict == parallel.Verdict && controlled.Verdict == PagerVerdict.Pass)) return controlled;
        return parallel.Verdict > controlled.Verdict ? parallel with { Detail = "parallel dispatcher: " + parallel.Detail } : controlled with { Detail = "controlled dispatcher: " + controlled.Detail };
    }

    /// <summary>Runs <paramref name="duty"/> for <paramref name="pager"/> on <paramref name="dispatcher"/>.</summary>
    public static DutyResult RunOn(PagerDuty duty, PagerFactory pager, DispatcherKind dispatcher)
    {
        ArgumentNullException.ThrowIfNull(duty);
        ArgumentNullException.ThrowIfNull(pager);
        try
        {
            return duty.Check(pager, dispatcher);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return DutyResult.Fail("the check could not run: " + e.Message);
        }
    }
}
