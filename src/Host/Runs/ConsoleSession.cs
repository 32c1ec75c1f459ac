using MachActors.Actors;
using MachActors.Actors.Timing;
using MachActors.Hardware.Device;
using MachActors.Kernel;

namespace MachActors.Host.Runs;

/// <summary>
/// The host's side of a console someone types at (docs/UNIX.md, "The sh command"): the machine runs in
/// virtual time until its threads end or a console read waits for input (the console's
/// <see cref="ConsoleConfig.ReadWaiting"/> cue, <see cref="OnReadWaiting"/>); then everything due at
/// that instant runs, the console's output so far is flushed, ONE line is read from the host's input (a
/// blocking host read, outside the actor system) and fed to the console, and the machine runs again.
/// At the end of the host's input the console's input ends (readers see end of file). Virtual time
/// stands still while the host waits for a line, so the same lines and seed give the same run.
/// </summary>
internal sealed class ConsoleSession(TextReader input, TextWriter output)
{
    private volatile bool _readWaiting;

    /// <summary>Whether the host's input has ended (and the console's input with it).</summary>
    public bool InputEnded { get; private set; }

    /// <summary>Lines fed to the console so far.</summary>
    public int LinesFed { get; private set; }

    /// <summary>The console's cue (<see cref="ConsoleConfig.ReadWaiting"/>): a read waits for input. Called from the console actor; only sets a flag.</summary>
    public void OnReadWaiting() => _readWaiting = true;

    /// <summary>
    /// Runs <paramref name="machine"/> until every thread has ended, feeding its console
    /// <paramref name="console"/> a line of input each time a read waits for one; gives up when
    /// <paramref name="within"/> of virtual time has passed (or a slice ends without its condition).
    /// Returns whether the threads ended.
    /// </summary>
    public bool RunToEnd(Machine machine, IActorRef console, Duration within)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(console);
        var deadline = machine.System.Now + within;
        while (true)
        {
            var left = deadline - machine.System.Now;
            if (left <= Duration.Zero) return machine.Status.LiveThreads == 0;
            var run = machine.System.RunUntil(() => machine.Status.LiveThreads == 0 || _readWaiting, left);
            if (machine.Status.LiveThreads == 0) return true;
            if (run.Outcome != Actors.Dispatch.RunOutcome.ConditionMet) return false;
            machine.System.RunUntilIdle(); // the rest of this instant: output printed with the read, other processes' steps
            if (machine.Status.LiveThreads == 0) return true;
            output.Flush();
            _readWaiting = false;
            Feed(console);
        }
    }

    /// <summary>Reads one line from the host's input and gives it to the console, or ends the console's input at the end of the host's.</summary>
    private void Feed(IActorRef console)
    {
        if (InputEnded) return;
        if (input.ReadLine() is { } line)
        {
            LinesFed++;
            console.Tell(new ConsoleInput(line), null);
            return;
        }
        InputEnded = true;
        console.Tell(ConsoleInputEnd.Instance, null);
    }
}
