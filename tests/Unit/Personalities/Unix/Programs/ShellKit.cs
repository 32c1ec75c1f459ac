using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Personalities.Unix;
using MachActors.Personalities.Unix.Programs;
using MachActors.Tests.Unit.Kernel;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs;

/// <summary>
/// A machine whose init is <c>sh -c LINE</c> over the standard programs (LINE null: <c>sh</c> reading
/// the console, whose input has ended unless <c>console</c> says otherwise): the run ends when the shell
/// does; <see cref="Output"/> is what the console device printed, <see cref="Status"/> the shell's exit status.
/// </summary>
internal sealed class ShellKit : IDisposable
{
    public ShellKit(string? line, DispatcherKind dispatcher = DispatcherKind.Controlled, MachineConfig? machine = null, Action<UnixProgramRegistry>? extra = null, ConsoleConfig? console = null)
    {
        var programs = StandardPrograms.Create();
        extra?.Invoke(programs);
        var config = new UnixConfig { Programs = programs, Init = "sh", InitArgs = line is null ? [] : ["-c", line], InitExited = s => InitStatus = s };
        Machine = new MachineKit(2, dispatcher, config: (machine ?? new MachineConfig()) with { Console = console ?? new ConsoleConfig { EndInputAfterScript = true } });
        UnixServer.Register(Machine.Programs, config);
        Machine.Machine.StartTask("unix");
    }

    public MachineKit Machine { get; }

    public int? InitStatus { get; private set; }

    /// <summary>The shell's exit status (asserts it exited).</summary>
    public int Status
    {
        get
        {
            Assert.NotNull(InitStatus);
            Assert.True(WaitStatus.IfExited(InitStatus!.Value), $"init ended by signal {InitStatus}");
            return WaitStatus.ExitStatus(InitStatus.Value);
        }
    }

    public string Output => Machine.Machine.ConsoleOutput!.Text;

    /// <summary>Runs LINE to the end and returns the console's text.</summary>
    public static (string Output, int Status, ShellKit Kit) Run(string line, DispatcherKind dispatcher = DispatcherKind.Controlled, MachineConfig? machine = null)
    {
        var kit = new ShellKit(line, dispatcher, machine);
        kit.Machine.RunToEnd(Duration.FromSeconds(60));
        return (kit.Output, kit.Status, kit);
    }

    /// <summary>Runs LINE to the end on a machine of its own and returns the console's text and the shell's status.</summary>
    public static (string Output, int Status) RunLine(string line, DispatcherKind dispatcher = DispatcherKind.Controlled)
    {
        var (output, status, kit) = Run(line, dispatcher);
        kit.Dispose();
        return (output, status);
    }

    public void Dispose() => Machine.Dispose();
}
