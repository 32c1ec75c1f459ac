using System.Collections.Concurrent;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Emulation;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Personalities.Unix;

/// <summary>
/// A machine running the UNIX server with <paramref name="init"/> as pid 1: the test's program runs as
/// a UNIX process, records what it saw in <see cref="Log"/>, and the run ends when init ends (the
/// server shuts down then). The console's input has ended unless <c>console</c> says otherwise.
/// </summary>
internal sealed class UnixKit : IDisposable
{
    public UnixKit(UnixProgram init, DispatcherKind dispatcher = DispatcherKind.Controlled, Action<UnixProgramRegistry>? programs = null, int cpus = 2, UnixSeededBugs bugs = UnixSeededBugs.None, ConsoleConfig? console = null, MachineConfig? machine = null, IReadOnlyList<string>? environment = null)
    {
        Config = new UnixConfig { Programs = Programs, FileSystem = Fs, SeededBugs = bugs };
        if (environment is not null) Config = Config with { InitEnvironment = environment };
        Programs.Register("init", init);
        programs?.Invoke(Programs);
        Machine = new MachineKit(cpus, dispatcher, config: (machine ?? new MachineConfig()) with { Console = console ?? new ConsoleConfig { EndInputAfterScript = true } });
        UnixServer.Register(Machine.Programs, Config);
        Machine.Machine.StartTask("unix");
    }

    public UnixConfig Config { get; }

    public MachActors.Personalities.Unix.Fs.MemoryFileSystem Fs { get; } = new();

    public UnixProgramRegistry Programs { get; } = new();

    public MachineKit Machine { get; }

    public UnixLog Log { get; } = new();

    /// <summary>Runs until every thread (the server's included) has ended.</summary>
    public void Run() => Machine.RunToEnd();

    public void Dispose() => Machine.Dispose();
}

/// <summary>What programs recorded, in order (safe under the parallel dispatcher).</summary>
internal sealed class UnixLog : ConcurrentQueue<string>
{
    public void Add(string line) => Enqueue(line);
}
