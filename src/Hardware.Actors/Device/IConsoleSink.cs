using MachActors.Actors.Timing;

namespace MachActors.Hardware.Device;

/// <summary>
/// Where a <see cref="ConsoleDevice"/> puts its output. Called only by the console actor, once per
/// completed write, in completion order; it must not call back into the actor system.
/// </summary>
public interface IConsoleSink
{
    /// <summary>The console finished writing <paramref name="text"/> (UTF-8 decoded) at virtual time <paramref name="at"/>.</summary>
    void Write(VirtualTime at, string text);
}
