using System.Globalization;
using System.Text;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig;
using MachActors.Personalities.Unix.Fs;
using MachActors.Personalities.Unix.Server;

namespace MachActors.Personalities.Unix;

/// <summary>The process table for ps, and the disk file system's mount at boot.</summary>
public sealed partial class UnixServer
{
    /// <summary>getprocs: precondition a running caller (else ESRCH). Replies one "pid parent state name" line per process in pid order (R running, Z zombie).</summary>
    private async Task DoProcs(PortName port, MigReplyHandle reply)
    {
        if (Caller(port) is not { } p)
        {
            await Fail(reply, Errno.ESRCH);
            return;
        }
        var text = new StringBuilder();
        foreach (var q in _table.All)
        {
            text.Append(CultureInfo.InvariantCulture, $"{q.Pid} {q.Parent} {(q.State == ProcessState.Running ? 'R' : 'Z')} {q.Name}\n");
        }
        await Answer(UnixCallsServer.ProcsReply(reply, 0, p.Signals.TakePending(), text.ToString()));
    }

    /// <summary>
    /// With <see cref="UnixConfig.DiskDevice"/>: opens the disk, mounts its file system (formatting a
    /// fresh disk) and uses it. False, after telling <see cref="UnixConfig.BootFailed"/>, when the device
    /// does not open or the image is damaged or unreadable. True without a disk.
    /// </summary>
    private async Task<bool> MountDisk()
    {
        if (_config.DiskDevice is not { } name) return true;
        var (error, device) = await MachDiskBlockDevice.Open(_env, name);
        if (error != Errno.None || device is null)
        {
            _config.BootFailed?.Invoke($"cannot open the disk device '{name}': {error}");
            return false;
        }
        var mounted = await DiskFileSystem.MountOrFormat(device);
        if (mounted is not { Status: MountStatus.Mounted, FileSystem: { } fs })
        {
            _config.BootFailed?.Invoke($"the file system on '{name}' does not mount ({mounted.Status}): {mounted.Error}");
            return false;
        }
        _fs = fs;
        return true;
    }
}
