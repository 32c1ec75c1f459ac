using MachActors.Actors.Timing;

namespace MachActors.Personalities.Rt.Server;

/// <summary>
/// The executive's release schedule and deadline accounting (docs/RT.md, "Deadlines"), without a machine:
/// the server feeds it the time of each event and carries out what it answers. Job k of a task is released
/// at first + k·period (no drift: a late job does not shift later releases) and is due at its release plus
/// the deadline. A task's thread calls wait-next-period at the start and after each job: the call
/// completes the running job (response = now - its release; a miss when now is past the deadline) and
/// waits for the next release, answered at once when that release has passed (an overrun's backlog) and
/// otherwise by <see cref="Due"/> when the server's timer reaches it.
/// </summary>
public sealed partial class RtSchedule
{
    private readonly List<Entry> _tasks = [];
    private readonly bool _releaseLate, _offByOne;

    /// <summary>A schedule whose synchronous first release is <paramref name="epoch"/>: every task admitted by then is first released at it (the critical instant).</summary>
    public RtSchedule(VirtualTime epoch)
        : this(epoch, RtSeededBugs.None)
    {
    }

    /// <summary>With test-only seeded bugs: ReleaseLate answers every release half a period late (the deadline stays nominal); DeadlineOffByOne measures a job's response from when its wait was answered instead of its nominal release.</summary>
    internal RtSchedule(VirtualTime epoch, RtSeededBugs bugs)
    {
        Epoch = epoch;
        _releaseLate = bugs.HasFlag(RtSeededBugs.ReleaseLate);
        _offByOne = bugs.HasFlag(RtSeededBugs.DeadlineOffByOne);
    }

    /// <summary>The synchronous first release.</summary>
    public VirtualTime Epoch { get; }

    /// <summary>How many tasks were admitted.</summary>
    public int Count => _tasks.Count;

    /// <summary>
    /// Admits <paramref name="spec"/> at <paramref name="now"/>: its id (0, 1, ...). Its first release is the
    /// epoch, or, when the epoch has passed, the first multiple of its period after the epoch not before now.
    /// </summary>
    public int Add(RtTaskSpec spec, VirtualTime now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var first = Epoch;
        if (now > Epoch)
        {
            var periods = ((now - Epoch).Nanoseconds + spec.Period.Nanoseconds - 1) / spec.Period.Nanoseconds;
            first = Epoch + spec.Period * periods;
        }
        _tasks.Add(new Entry(spec, first));
        return _tasks.Count - 1;
    }

    /// <summary>The spec task <paramref name="id"/> was admitted with.</summary>
    public RtTaskSpec Spec(int id) => _tasks[id].Spec;

    /// <summary>Whether <paramref name="id"/> names an admitted task.</summary>
    public bool Has(int id) => id >= 0 && id < _tasks.Count;

    /// <summary>
    /// Wait-next-period from task <paramref name="id"/> at <paramref name="now"/>: completes its running job
    /// (if any) and asks for the next. <see cref="RtWait.Kind"/> says whether the job is released now, must
    /// wait (answer it when <see cref="Due"/> names it), or the task has run all its jobs.
    /// </summary>
    public RtWait Wait(int id, VirtualTime now)
    {
        var t = _tasks[id];
        if (t.Running)
        {
            var response = now - t.Release(_offByOne ? t.Job + 1 : t.Job);
            t.Completions++;
            if (response > t.Spec.Deadline) t.Misses++;
            if (response > t.WorstResponse) t.WorstResponse = response;
            t.Running = false;
            t.Job++;
        }
        if (t.Job >= t.Spec.Jobs) return new RtWait(RtWaitKind.Done, t.Job, default);
        t.Waiting = true;
        var release = Answered(t);
        if (release > now) return new RtWait(RtWaitKind.Wait, t.Job, t.Release(t.Job));
        Start(t);
        return new RtWait(RtWaitKind.Released, t.Job, t.Release(t.Job));
    }

    /// <summary>The tasks whose waited-for release has come by <paramref name="now"/>, each now running its job (ids ascending).</summary>
    public IReadOnlyList<RtWait> Due(VirtualTime now)
    {
        var due = new List<RtWait>();
        for (var id = 0; id < _tasks.Count; id++)
        {
            var t = _tasks[id];
            if (!t.Waiting || Answered(t) > now) continue;
            Start(t);
            due.Add(new RtWait(RtWaitKind.Released, t.Job, t.Release(t.Job), id));
        }
        return due;
    }

    /// <summary>The earliest release a task waits for, or null when none waits (the server's timer).</summary>
    public VirtualTime? NextRelease()
    {
        VirtualTime? next = null;
        foreach (var t in _tasks)
        {
            if (!t.Waiting) continue;
            var at = Answered(t);
            if (next is null || at < next) next = at;
        }
        return next;
    }

    /// <summary>Every task has run all its jobs (or faulted, or was killed).</summary>
    public bool AllDone => _tasks.All(t => t.Stopped || t.Job >= t.Spec.Jobs);

    /// <summary>Task <paramref name="id"/> faulted: its running job never completes and nothing more is released for it.</summary>
    public void Fault(int id)
    {
        var t = _tasks[id];
        t.Faulted = true;
        Stop(t);
    }

    /// <summary>
    /// Task <paramref name="id"/> was killed from outside (its task died other than by rt_exit or an
    /// exception), as the server learnt at <paramref name="at"/>: as for <see cref="Fault"/>, its running
    /// job never completes and nothing more is released; neither counts as a miss. Ignored for a task
    /// already stopped or that has run all its jobs.
    /// </summary>
    public void Kill(int id, VirtualTime at)
    {
        var t = _tasks[id];
        if (t.Stopped || t.Job >= t.Spec.Jobs) return;
        t.KilledAt = at;
        Stop(t);
    }

    /// <summary>The task's jobs that completed after their deadline so far.</summary>
    public int Misses(int id) => _tasks[id].Misses;

    /// <summary>Deadline misses of every task so far.</summary>
    public int TotalMisses => _tasks.Sum(t => t.Misses);

    /// <summary>The statistics of every task, by id.</summary>
    public IReadOnlyList<RtTaskStats> Stats() =>
        [.. _tasks.Select((t, id) => new RtTaskStats(id, t.Spec, t.Releases, t.Completions, t.Misses, t.WorstResponse, t.Faulted) { KilledAt = t.KilledAt, Cpu = t.Cpu })];

    /// <summary>When the waited-for release is answered: at the nominal release (late with the seeded bug).</summary>
    private VirtualTime Answered(Entry t) =>
        t.Release(t.Job) + (_releaseLate ? Duration.FromNanoseconds(t.Spec.Period.Nanoseconds / 2) : default);

    private static void Stop(Entry t) => t.Running = t.Waiting = false;

    private static void Start(Entry t)
    {
        t.Waiting = false;
        t.Running = true;
        t.Releases++;
    }

    private sealed class Entry(RtTaskSpec spec, VirtualTime first)
    {
        public RtTaskSpec Spec { get; } = spec;

        public int Job { get; set; }

        public bool Running { get; set; }

        public bool Waiting { get; set; }

        public bool Faulted { get; set; }

        public VirtualTime? KilledAt { get; set; }

        /// <summary>Faulted or killed: no job of it runs any more.</summary>
        public bool Stopped => Faulted || KilledAt is not null;

        /// <summary>The CPU the task is bound to (<see cref="RtSchedule.PlaceAll"/>, <see cref="RtSchedule.Place"/>), or null before placement.</summary>
        public int? Cpu { get; set; }

        public int Releases { get; set; }

        public int Completions { get; set; }

        public int Misses { get; set; }

        public Duration WorstResponse { get; set; }

        public VirtualTime Release(int job) => first + Spec.Period * job;
    }
}

/// <summary>What a wait-next-period comes to.</summary>
public enum RtWaitKind
{
    /// <summary>The next job is released: answer now.</summary>
    Released,

    /// <summary>The next release is later: keep the reply until <see cref="RtSchedule.Due"/> names the task.</summary>
    Wait,

    /// <summary>All jobs have run: answer "done" (the task's loop ends).</summary>
    Done,
}

/// <summary>The answer to a wait (or a release from <see cref="RtSchedule.Due"/>): the job's index and nominal release, and the task's id for a release.</summary>
public readonly record struct RtWait(RtWaitKind Kind, int Job, VirtualTime Release, int Id = -1);
