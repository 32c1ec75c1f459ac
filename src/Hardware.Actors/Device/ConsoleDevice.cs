using MachActors.Actors;
using MachActors.Actors.Timing;

namespace MachActors.Hardware.Device;

/// <summary>
/// The console terminal: output goes to an <see cref="IConsoleSink"/>; input comes from a script of
/// lines with virtual arrival times and from lines the host feeds (<see cref="ConsoleInput"/>). Each
/// read or write completes with a <see cref="ConsoleInterrupt"/> to its requester; the console never
/// builds kernel or IPC messages, never blocks and never throws on bad input. The logic is
/// <see cref="ConsoleController"/>; this actor keeps the timers. (Named ConsoleDevice so that it does
/// not hide <see cref="System.Console"/>.)
/// </summary>
public sealed class ConsoleDevice : Actor
{
    private const string ScriptTimer = "script";
    private const string OutputTimer = "output";
    private readonly ConsoleController _controller = new();
    private readonly ConsoleConfig _config;
    private readonly IConsoleSink _sink;
    private readonly ConsoleScriptLine[] _script;
    private int _nextLine;
    private long _write;

    /// <summary>A console shaped by <paramref name="config"/>, writing to <paramref name="sink"/>.</summary>
    public ConsoleDevice(ConsoleConfig config, IConsoleSink sink)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _script = [.. config.Script.OrderBy(l => l.At)]; // stable: equal times keep script order
    }

    /// <summary>Arms the timer of the first scripted line.</summary>
    protected override void PreStart() => ArmScript();

    /// <summary>
    /// ConsoleWrite: queued; served one at a time, each done after ByteTime a byte, when its text goes
    /// to the sink and its interrupt to the requester. ConsoleRead: completes at once (data, end of
    /// file, invalid size, would-block) or waits for input (then ReadWaiting is called). ConsoleInput (host) and the script timer:
    /// a line arrives and completes waiting reads. ConsoleInputEnd: waiting reads get end of file.
    /// GetConsoleStats: replies ConsoleStats. Requesters that are gone make their interrupts dead letters.
    /// </summary>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ConsoleWrite write:
                _controller.EnqueueWrite(write.RequestId, write.Data.Span, Sender);
                if (!_controller.Writing) StartNextWrite();
                break;
            case WriteDone done when done.Write == _write && _controller.Writing:
                var (interrupt, requester, text) = _controller.FinishWrite();
                _sink.Write(Context.Now, text);
                requester.Tell(interrupt, Self);
                StartNextWrite();
                break;
            case WriteDone:
                break;
            case ConsoleRead read:
                if (_controller.Read(read.RequestId, read.MaxBytes, read.NoWait, Sender) is { } now) now.Requester.Tell(now.Interrupt, Self);
                else _config.ReadWaiting?.Invoke();
                break;
            case ConsoleInput input:
                Send(_controller.Input(input.Text));
                break;
            case ScriptArrival arrival when arrival.Line == _nextLine:
                _nextLine++;
                Send(_controller.Input(_script[arrival.Line].Text));
                ArmScript();
                break;
            case ScriptArrival:
                break;
            case ConsoleInputEnd:
                Send(_controller.EndInput());
                break;
            case GetConsoleStats:
                Sender.Tell(_controller.Stats(), Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Send(IReadOnlyList<(ConsoleInterrupt Interrupt, IActorRef Requester)> completions)
    {
        foreach (var (interrupt, requester) in completions) requester.Tell(interrupt, Self);
    }

    private void StartNextWrite()
    {
        if (_controller.StartNextWrite(_config.ByteTime) is { } time) Context.Timers.StartSingleTimer(OutputTimer, new WriteDone(++_write), time);
    }

    private void ArmScript()
    {
        if (_nextLine < _script.Length)
        {
            var at = _script[_nextLine].At;
            var delay = at > Context.Now ? at - Context.Now : Duration.Zero;
            Context.Timers.StartSingleTimer(ScriptTimer, new ScriptArrival(_nextLine), delay);
        }
        else if (_config.EndInputAfterScript && !_controller.InputEnded)
        {
            Send(_controller.EndInput());
        }
    }

    private sealed record WriteDone(long Write);

    private sealed record ScriptArrival(int Line);
}
