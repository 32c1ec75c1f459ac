using MachActors.Kernel.Device;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Kernel.User;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix;

/// <summary>
/// Console reads that block (docs/UNIX.md, "Console reads"): a read of /dev/console with no input keeps
/// its reply (MIG_NO_REPLY, like a pipe read) and the server asks the console device with
/// device_read_request, whose answer comes back to a reply port in the server's port set; the loop
/// never waits for the device. The decisions are <see cref="ConsoleReader"/>'s.
/// </summary>
public sealed partial class UnixServer
{
    private readonly ConsoleReader _consoleReader = new();
    private PortName _consoleReplies;

    /// <summary>At boot, with the console open: the port the device's read answers arrive on, a member of the server's set.</summary>
    private async Task StartConsoleReads()
    {
        if (_console == PortName.Null) return;
        _consoleReplies = await _env.MachReplyPort();
        await _env.PortMoveMember(_consoleReplies, _set);
    }

    /// <summary>
    /// read(2) of the console by <paramref name="p"/>: answered now when input is kept or has ended;
    /// otherwise the call waits (its reply kept under a token, the process blocked) and a device read is
    /// asked when none is out.
    /// </summary>
    private async Task ReadConsole(Process p, MigReplyHandle reply, int count)
    {
        var token = NewToken();
        if (_consoleReader.Read(token, count) is { } now)
        {
            await Answer(UnixCallsServer.ReadReply(reply, 0, p.Signals.TakePending(), Bytes(now.Data)));
            return;
        }
        await Block(p, token, new PendingCall(p.Pid, reply, BlockedIn.Console));
        await AskConsole();
    }

    /// <summary>Sends the device read the reader wants now, if any; a request the device port refuses fails like a device error (EIO to the first reader).</summary>
    private async Task AskConsole()
    {
        while (_consoleReader.NextRequest() is { } bytes)
        {
            var sent = await _env.DeviceReadRequest(_console, _consoleReplies, DeviceMode.None, 0, bytes);
            if (sent == MachMsgReturn.Success) return;
            await CompleteConsole(_consoleReader.Reply(ok: false, []));
        }
    }

    /// <summary>
    /// A message on the console reply port: the device's answer to the read that was out (ds_device_read_reply;
    /// a failure or a dropped reply right is a device error). The reads it completes are answered, and the
    /// next device read is asked while readers still wait.
    /// </summary>
    private async Task OnConsoleReply(MachMessage message)
    {
        var answer = DeviceReplyMessage.Decode(message);
        var ok = answer.Id == DeviceMessageIds.Read + DeviceMessageIds.ReplyOffset && answer.Return == DeviceReturn.Success;
        await CompleteConsole(_consoleReader.Reply(ok, ok ? answer.Data.AsSpan() : []));
        await AskConsole();
    }

    /// <summary>Answers completed console reads; a read whose process is gone is not answered (its reply right was released when it ended).</summary>
    private async Task CompleteConsole(IReadOnlyList<ConsoleCompletion> done)
    {
        foreach (var c in done)
        {
            if (!_pending.Remove(c.Token, out var call)) continue;
            var p = _table.Find(call.Pid);
            if (p is { Blocked: { } b } && b == c.Token) p.Blocked = null;
            if (p is not { State: ProcessState.Running }) continue;
            if (c.Error != Errno.None) await Fail(call.Reply, c.Error);
            else await Answer(UnixCallsServer.ReadReply(call.Reply, 0, p.Signals.TakePending(), Bytes(c.Data)));
        }
    }
}
