using System.Globalization;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Programs;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Emulation;

namespace MachActors.Bench.Personalities;

/// <summary>What the UNIX program of a <see cref="UnixSyscallWorkload"/> does.</summary>
public enum UnixSyscallKind
{
    /// <summary>N getpid calls: each a trap redirected to the emulation library, one RPC to the UNIX server, and the return.</summary>
    Getpid,

    /// <summary>N times: fork a child that exits at once with a status of its own, then wait for it.</summary>
    ForkExitWait,
}

/// <summary>
/// One deterministic run of the UNIX personality on the simulated machine (controlled dispatcher, seed
/// <see cref="MachineBenchWorkload.Seed"/>, decision recording on): <see cref="Prepare"/> creates the actor
/// system (not measured); <see cref="Run"/> boots the machine and the UNIX server, whose init is the
/// benchmark program, and runs until init has exited and the server has shut down (measured: boot and the
/// server's set-up are small beside the N operations); <see cref="Verify"/> checks the run exactly.
/// </summary>
/// <remarks>
/// Getpid: every call returns success with init's own pid (1). Fork+exit+wait: fork i's child
/// exits with status i mod 256; the wait right after it returns that child's pid with exactly that exit
/// status (so every child is reaped once, with its status), and one more wait at the end is ECHILD. The
/// program returns 0 only when all of that held; the host checks init's status, the counts, that no
/// thread is left or faulted and that every run takes the steps of the first.
/// </remarks>
public sealed class UnixSyscallWorkload : MachineBenchWorkload
{
    private const string InitName = "ubench";
    private const int InitPid = 1;

    private Counts _counts = new();

    /// <summary>A workload of <paramref name="operations"/> getpid calls or fork+exit+wait rounds on <paramref name="cpus"/> CPUs.</summary>
    public UnixSyscallWorkload(UnixSyscallKind kind, int cpus, int operations)
    {
        Kind = kind;
        Cpus = cpus;
        Operations = operations;
    }

    public UnixSyscallKind Kind { get; }

    public int Cpus { get; }

    /// <summary>Calls or rounds per run (the benchmark's operation count).</summary>
    public int Operations { get; }

    /// <summary>Virtual time the last run took, set by <see cref="Verify"/>.</summary>
    public Duration VirtualElapsed { get; private set; }

    /// <summary>Creates a fresh controlled actor system.</summary>
    public void Prepare()
    {
        NewSystem("ubench", trace: null);
        _counts = new Counts();
    }

    /// <inheritdoc />
    protected override void PrepareDefault() => Prepare();

    /// <summary>Boots the machine with the UNIX server (init: the benchmark program), runs until every thread ended; returns the run's steps.</summary>
    public override long Run()
    {
        var system = Prepared;
        var counts = _counts;
        var n = Operations;
        UnixProgram init = Kind == UnixSyscallKind.Getpid ? (u, _) => GetpidLoop(u, n, counts) : (u, _) => ForkLoop(u, n, counts);
        var programs = new ProgramRegistry();
        UnixServer.Register(programs, new UnixConfig
        {
            Programs = new UnixProgramRegistry().Register(InitName, init),
            Init = InitName,
            BootFailed = counts.BootFailed,
            InitExited = counts.InitEnded,
        });
        var config = new MachineConfig { CpuCount = Cpus, Console = new ConsoleConfig { EndInputAfterScript = true } };
        Booted = Machine.Boot(system, config, programs);
        Booted.StartTask("unix");
        var result = Booted.RunUntilThreadsEnd(Duration.FromSeconds(3_600), maxSteps: 400L * n + 100_000);
        if (result.Outcome != RunOutcome.ConditionMet) throw new InvalidOperationException($"{this}: the threads did not all end: {result}");
        return MeasuredSteps;
    }

    private static async Task<int> GetpidLoop(UnixEnv u, int n, Counts counts)
    {
        for (var i = 0; i < n; i++)
        {
            var (error, pid, parent) = await u.Getpid();
            counts.CheckPid(error, pid, parent, i);
        }
        return counts.Error is null ? 0 : 1;
    }

    private static async Task<int> ForkLoop(UnixEnv u, int n, Counts counts)
    {
        for (var i = 0; i < n; i++)
        {
            var code = i % 256;
            var (forked, child) = await u.Fork(_ => Task.FromResult(code));
            var (waited, pid, status) = await u.Wait();
            counts.CheckReaped(forked, child, waited, pid, status, code, i);
        }
        counts.CheckNoneLeft((await u.Wait()).Error);
        return counts.Error is null ? 0 : 1;
    }

    /// <summary>
    /// Throws unless the last run booted the server, init exited with 0 after exactly <see cref="Operations"/>
    /// checked calls or rounds, no thread is left or faulted, CPU time was conserved, and the run took as
    /// many steps as the first (determinism).
    /// </summary>
    protected override void Check()
    {
        VirtualElapsed = Prepared.Now - VirtualTime.Zero;
        var started = Ran.Status.ThreadsStarted;
        var expectedAtLeast = Kind == UnixSyscallKind.ForkExitWait ? Operations + 2L : 2L; // the server's and init's threads, one per child
        if (started < expectedAtLeast) throw new InvalidOperationException($"{this}: only {started} threads started");
        CheckMachine(threads: started);
        if (_counts.BootError is { } boot) throw new InvalidOperationException($"{this}: the UNIX server did not boot: {boot}");
        if (_counts.Error is { } error) throw new InvalidOperationException($"{this}: {error}");
        if (_counts.Done != Operations) throw new InvalidOperationException($"{this}: {_counts.Done} operations checked, expected {Operations}");
        if (_counts.InitStatus is not { } status || !WaitStatus.IfExited(status) || WaitStatus.ExitStatus(status) != 0)
        {
            throw new InvalidOperationException($"{this}: init ended with wait status {_counts.InitStatus?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"UNIX {Kind} x {Operations:N0} on {Cpus} CPU{(Cpus == 1 ? "" : "s")}");

    /// <summary>What the program saw (written by the programs and the server, read by the host after the run). The first error is kept.</summary>
    private sealed class Counts
    {
        public long Done { get; private set; }

        public string? Error { get; private set; }

        public string? BootError { get; private set; }

        public int? InitStatus { get; private set; }

        public void BootFailed(string problem) => BootError = problem;

        public void InitEnded(int status) => InitStatus = status;

        public void CheckPid(Errno error, int pid, int parent, int i)
        {
            if (error != Errno.None || pid != InitPid) Fail($"getpid {i}: {error}, pid {pid}, parent {parent}");
            else Done++;
        }

        public void CheckReaped(Errno forked, int child, Errno waited, int pid, int status, int code, int i)
        {
            if (forked != Errno.None || waited != Errno.None) Fail($"round {i}: fork {forked}, wait {waited}");
            else if (pid != child) Fail($"round {i}: forked pid {child}, but wait reaped {pid}");
            else if (!WaitStatus.IfExited(status) || WaitStatus.ExitStatus(status) != code) Fail($"round {i}: pid {pid} ended with wait status {status}, not exit {code}");
            else Done++;
        }

        public void CheckNoneLeft(Errno error)
        {
            if (error != Errno.ECHILD) Fail($"a wait after the last round returned {error}, not ECHILD");
        }

        private void Fail(string error) => Error ??= error;
    }
}
