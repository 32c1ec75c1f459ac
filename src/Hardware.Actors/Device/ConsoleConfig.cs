using MachActors.Actors.Timing;

namespace MachActors.Hardware.Device;

/// <summary>The machine's console (<see cref="MachineConfig.Console"/>).</summary>
public sealed record ConsoleConfig
{
    /// <summary>The device name the kernel knows it by; also the actor's name. Default "console".</summary>
    public string Name { get; init; } = "console";

    /// <summary>Input lines with their virtual arrival times. Default none.</summary>
    public IReadOnlyList<ConsoleScriptLine> Script { get; init; } = [];

    /// <summary>After the last scripted line, input ends (reads then return 0 bytes, end of file). Default false: more may be fed by the host.</summary>
    public bool EndInputAfterScript { get; init; }

    /// <summary>
    /// Time to send one output byte (a serial line: 9600 baud is about 1,042 us). Default zero: a write
    /// completes at the instant it is served.
    /// </summary>
    public Duration ByteTime { get; init; } = Duration.Zero;

    /// <summary>Where output goes besides being kept (e.g. the host's stdout); null: only kept. Written from the console actor only.</summary>
    public TextWriter? HostOutput { get; init; }

    /// <summary>
    /// Called when a read starts waiting for input (none buffered, input not ended): the host's cue to
    /// feed a line (<see cref="ConsoleInput"/>) or end input (<see cref="ConsoleInputEnd"/>). Called from
    /// the console actor only; it must not call back into the actor system. Null: no cue.
    /// </summary>
    public Action? ReadWaiting { get; init; }
}
