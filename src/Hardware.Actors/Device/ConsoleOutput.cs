using MachActors.Actors.Timing;

namespace MachActors.Hardware.Device;

/// <summary>One completed console write, as a <see cref="RecordingConsoleSink"/> keeps it.</summary>
/// <param name="At">When the write completed.</param>
/// <param name="Text">What was written.</param>
public sealed record ConsoleOutput(VirtualTime At, string Text);
