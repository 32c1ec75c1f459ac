using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Programs;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Programs;

namespace MachActors.Host.Runs;

/// <summary>What <c>machactors sh</c> runs: one command line, or lines of input; the disk image; the seed and the time limit.</summary>
/// <param name="Command">The line for <c>sh -c</c>, or null for the shell to read the console.</param>
/// <param name="Input">The host's input: a line is read from it whenever a console read waits (<see cref="ConsoleSession"/>).</param>
/// <param name="Interactive">With no <paramref name="Command"/>: run <c>sh -i</c>, which prompts before each line.</param>
/// <param name="Image">The host image file of the disk holding the file system, or null for the in-memory one.</param>
/// <param name="Seed">The actor system's seed.</param>
/// <param name="MaxTime">Virtual time after which the run is given up.</param>
internal sealed record UnixShellSettings(string? Command, TextReader Input, bool Interactive, string? Image, ulong Seed, Duration MaxTime);

/// <summary>
/// Boots a machine with the UNIX server over the standard programs, init being the shell, and runs it
/// until the shell ends (docs/UNIX.md, "The sh command"). Console output goes to the host's output as
/// it is printed; each time a console read waits, one line of the host's input is fed to the console
/// (<see cref="ConsoleSession"/>), and the end of the host's input ends the console's. The exit status is the shell's; 2 when the machine or the server does not boot (a
/// damaged image, a bad path); 1 when the shell does not end within the time limit.
/// </summary>
internal static class UnixShellRun
{
    /// <summary>The disk that holds the file system when an image is given.</summary>
    public const string DiskName = "disk0";

    /// <summary>Runs <paramref name="settings"/>: console text to <paramref name="output"/>, the host's own messages to <paramref name="error"/>; returns the exit status.</summary>
    public static int Run(UnixShellSettings settings, TextWriter output, TextWriter error)
    {
        string? bootError = null;
        int? initStatus = null;
        var unix = new UnixConfig
        {
            Programs = StandardPrograms.Create(),
            Init = "sh",
            InitArgs = settings.Command is { } line ? ["-c", line] : settings.Interactive ? ["-i"] : [],
            DiskDevice = settings.Image is null ? null : DiskName,
            BootFailed = problem => bootError = problem,
            InitExited = status => initStatus = status,
        };
        var session = new ConsoleSession(settings.Input, output);
        var config = new MachineConfig
        {
            Console = new ConsoleConfig { HostOutput = output, ReadWaiting = session.OnReadWaiting },
            Disks = settings.Image is { } image ? [new DiskConfig { Name = DiskName, ImagePath = image, CreateImage = true }] : [],
        };
        using var system = ActorSystem.Create("machactors", new ActorSystemOptions { Dispatcher = DispatcherKind.Controlled, Seed = settings.Seed });
        var programs = new ProgramRegistry();
        UnixServer.Register(programs, unix);
        Machine machine;
        try
        {
            machine = Machine.Boot(system, config, programs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            error.WriteLine($"machactors: the machine does not boot: {e.Message}");
            return Cli.ExitUsage;
        }
        machine.StartTask("unix");
        var ended = session.RunToEnd(machine, machine.Devices[machine.Config.Console!.Name], settings.MaxTime);
        if (settings.Interactive && session.InputEnded) output.WriteLine(); // the end of input typed at a prompt
        output.Flush();
        if (bootError is not null)
        {
            error.WriteLine($"machactors: the UNIX server does not boot: {bootError}");
            return Cli.ExitUsage;
        }
        if (!ended || initStatus is not { } status)
        {
            error.WriteLine($"machactors: sh did not end within {settings.MaxTime} of virtual time");
            return Cli.ExitFailure;
        }
        return WaitStatus.IfExited(status) ? WaitStatus.ExitStatus(status) : 128 + WaitStatus.TermSig(status);
    }
}
