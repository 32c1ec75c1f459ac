using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Programs;
using MachActors.Kernel.Programs.Workloads;
using MachActors.Personalities.Rt;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Programs;

namespace MachActors.Host.Runs;

/// <summary>
/// The <c>personalities</c> workload, <c>machactors run</c>'s default (issue 8): the UNIX server with
/// <c>sh -c</c> running <see cref="Script"/> and the real-time executive with <see cref="RtBoot.DefaultSet"/>,
/// side by side on one machine. It is not one program but two servers the host starts, so the host's
/// registry (<see cref="HostWorkloads"/>) lists it and <see cref="MachineRun"/> boots it with <see cref="Boot"/>.
/// </summary>
internal static class PersonalitiesWorkload
{
    /// <summary>The workload's name.</summary>
    public const string Name = "personalities";

    /// <summary>The line the UNIX side's shell runs.</summary>
    public const string Script = "echo hello | wc -c; ls /; ps";

    /// <summary>What <c>run --list</c> and the report say it does.</summary>
    public const string Description =
        "Both personalities on one machine: the UNIX server boots with init 'sh -c \"" + Script + "\"' (a pipe, a directory listing, "
        + "the process table; every command a forked and exec'd process whose system calls go through the emulation library to the "
        + "server), while the real-time executive runs its default task set (control 1 ms every 5 ms, sensor 2 ms every 10 ms, logger "
        + "6 ms every 40 ms; rate-monotonic priorities above every UNIX process; 400 ms of periods). The run ends when the script's init "
        + "has exited and every RT task has run its jobs; the console's text, the RT report and init's status follow the tables.";

    /// <summary>Boots the two servers into <paramref name="programs"/> (the machine's registry, fresh per run) and returns the run's state.</summary>
    public static PersonalitiesRun Boot(ProgramRegistry programs)
    {
        ArgumentNullException.ThrowIfNull(programs);
        var run = new PersonalitiesRun();
        UnixServer.Register(programs, new UnixConfig
        {
            Programs = StandardPrograms.Create(),
            Init = "sh",
            InitArgs = ["-c", Script],
            BootFailed = run.UnixBootFailed,
            InitExited = run.InitEnded,
        });
        run.Rt = RtBoot.Register(programs, RtBoot.DefaultSet);
        return run;
    }

    /// <summary><paramref name="config"/> with a console whose output goes to <paramref name="run"/>'s text (no input: the script runs under -c). Pure.</summary>
    public static MachineConfig WithConsole(MachineConfig config, PersonalitiesRun run)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(run);
        return config with { Console = new ConsoleConfig { EndInputAfterScript = true, HostOutput = run.Console } };
    }
}

/// <summary>The registry of the workloads <c>machactors run</c> knows: the kernel's built-in ones and the host's <see cref="PersonalitiesWorkload"/>.</summary>
internal static class HostWorkloads
{
    /// <summary>The workload <c>machactors run</c> runs when none is named.</summary>
    public const string Default = PersonalitiesWorkload.Name;

    /// <summary>A fresh registry: <see cref="BuiltinWorkloads.Registry"/> plus <see cref="PersonalitiesWorkload"/> (whose entry is a marker: <see cref="MachineRun"/> boots the two servers instead).</summary>
    public static ProgramRegistry Registry() =>
        BuiltinWorkloads.Registry().Register(PersonalitiesWorkload.Name, (_, _) => Task.CompletedTask, PersonalitiesWorkload.Description);

    /// <summary>True for the workloads the host boots itself rather than starting one program.</summary>
    public static bool IsPersonalities(string name) => name == PersonalitiesWorkload.Name;
}

/// <summary>One run of <see cref="PersonalitiesWorkload"/>: the console's text, init's status, the RT report (written by the servers, read by the host after the run).</summary>
internal sealed class PersonalitiesRun
{
    private volatile string? _bootError;
    private int _initStatus = -1;

    /// <summary>What the machine's console printed.</summary>
    public StringWriter Console { get; } = new(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>The executive's report.</summary>
    public RtReport Rt { get; set; } = new();

    /// <summary>Why the UNIX server did not boot, or null.</summary>
    public string? BootError => _bootError;

    /// <summary>init's wait status once it ended, or null.</summary>
    public int? InitStatus
    {
        get
        {
            var status = Volatile.Read(ref _initStatus);
            return status >= 0 ? status : null;
        }
    }

    /// <summary>The server's BootFailed callback.</summary>
    public void UnixBootFailed(string problem) => _bootError = problem;

    /// <summary>The server's InitExited callback.</summary>
    public void InitEnded(int status) => Volatile.Write(ref _initStatus, status);

    /// <summary>Starts the UNIX server, then the RT server, on <paramref name="machine"/>; throws when either does not start (the command reports it).</summary>
    public void Start(Machine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var unix = machine.StartTask("unix").Result;
        if (unix != KernReturn.Success) throw new InvalidOperationException($"the machine did not start the UNIX server: {unix}");
        var rt = RtBoot.Start(machine);
        if (rt != KernReturn.Success) throw new InvalidOperationException($"the machine did not start the RT server: {rt}");
    }

    /// <summary>What the report keeps of the run: a snapshot taken after it.</summary>
    public PersonalitiesOutcome Outcome() => new(Console.ToString(), InitStatus, BootError, Rt.Format(), Rt.TotalMisses, Rt.Finished);
}

/// <summary>What a <see cref="PersonalitiesWorkload"/> run leaves for the report.</summary>
/// <param name="Console">The console's text.</param>
/// <param name="InitStatus">The script's init's wait status, or null when it did not end.</param>
/// <param name="BootError">Why the UNIX server did not boot, or null.</param>
/// <param name="RtTable">The executive's report as text (<see cref="MachActors.Personalities.Rt.RtReport.Format"/>).</param>
/// <param name="Misses">Deadline misses of every RT task.</param>
/// <param name="RtFinished">Every RT task ran its jobs and the executive ended.</param>
internal sealed record PersonalitiesOutcome(string Console, int? InitStatus, string? BootError, string RtTable, int Misses, bool RtFinished)
{
    /// <summary>The script's exit status (128 + signal when killed), or null when it did not end.</summary>
    public int? ScriptStatus => InitStatus is not { } s ? null : WaitStatus.IfExited(s) ? WaitStatus.ExitStatus(s) : 128 + WaitStatus.TermSig(s);

    /// <summary>The script ended with 0, the executive finished, and no deadline was missed.</summary>
    public bool Succeeded => BootError is null && ScriptStatus == 0 && RtFinished && Misses == 0;

    /// <summary>One line on the UNIX side: how init ended.</summary>
    public string UnixSummary => BootError is { } e ? "the UNIX server did not boot: " + e
        : ScriptStatus is { } status ? $"init (sh -c) exited with status {status}"
        : "init (sh -c) had not ended when the run stopped";
}
