using MachActors.Actors.Timing;

namespace MachActors.Hardware.Device;

/// <summary>One line of scripted console input: it arrives (as if typed, with its newline) at <paramref name="At"/>.</summary>
/// <param name="At">Virtual arrival time; a time already past arrives at once.</param>
/// <param name="Text">The line, without its newline.</param>
public sealed record ConsoleScriptLine(VirtualTime At, string Text);
