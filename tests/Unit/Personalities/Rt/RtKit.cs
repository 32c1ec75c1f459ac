using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Personalities.Rt;
using MachActors.Personalities.Unix;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Personalities.Rt;

/// <summary>
/// A machine running the RT server with a task set (or a main program of the test's), optionally the
/// UNIX server beside it with an init of the test's: the run ends when every thread has ended.
/// </summary>
internal sealed class RtKit : IDisposable
{
    public RtKit(RtConfig config, DispatcherKind dispatcher = DispatcherKind.Controlled, int cpus = 1, UnixProgram? unixInit = null)
    {
        Config = config;
        Machine = new MachineKit(cpus, dispatcher, config: new MachineConfig { Console = new ConsoleConfig { EndInputAfterScript = true } });
        RtBoot.Register(Machine.Programs, config);
        if (unixInit is not null)
        {
            var programs = new UnixProgramRegistry().Register("init", unixInit);
            UnixServer.Register(Machine.Programs, new UnixConfig { Programs = programs });
            Machine.Machine.StartTask("unix");
        }
        Assert.Equal(MachActors.Kernel.KernReturn.Success, RtBoot.Start(Machine.Machine));
    }

    public RtKit(IReadOnlyList<RtTaskSpec> set, DispatcherKind dispatcher = DispatcherKind.Controlled, int cpus = 1, UnixProgram? unixInit = null)
        : this(new RtConfig { Main = RtBoot.MainFor(set) }, dispatcher, cpus, unixInit)
    {
    }

    public RtConfig Config { get; }

    public RtReport Report => Config.Report;

    public MachineKit Machine { get; }

    /// <summary>Runs until every thread (the servers' included) has ended, within 20 s of virtual time.</summary>
    public void Run() => Machine.RunToEnd(Duration.FromSeconds(20));

    public void Dispose() => Machine.Dispose();

    /// <summary>A task of <paramref name="costMs"/> every <paramref name="periodMs"/> (deadline = period).</summary>
    public static RtTaskSpec Task(string name, long periodMs, long costMs, int priority, int jobs, long? deadlineMs = null) =>
        new(name, Duration.FromMilliseconds(periodMs), Duration.FromMilliseconds(deadlineMs ?? periodMs), priority, jobs, Duration.FromMilliseconds(costMs));
}
