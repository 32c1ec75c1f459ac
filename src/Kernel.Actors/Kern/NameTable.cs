using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig.Interfaces;

namespace MachActors.Kernel.Kern;

/// <summary>
/// The name server's table (snames / netname, spec 8) as a plain class: name -> (a send right to
/// the registered port, a send right to the signature port). It owns the rights it holds; every
/// right it drops goes out as a release effect.
/// </summary>
/// <remarks>
/// INVARIANTS
/// 1. Each entry holds exactly one counted send right to its port and one to its signature (or NULL).
/// 2. A name is removed only by check_out with the signature it was checked in with.
/// </remarks>
public sealed class NameTable
{
    private readonly Dictionary<string, (CarriedRight Port, CarriedRight Signature)> _names = new(StringComparer.Ordinal);

    /// <summary>Names checked in.</summary>
    public int Count => _names.Count;

    /// <summary>
    /// netname_check_in: registers <paramref name="port"/> under <paramref name="name"/>, guarded by
    /// <paramref name="signature"/>. The table takes both rights. InvalidPort for a NULL or dead port;
    /// NotYours when the name is held under another signature (the new rights are released). Checking
    /// a name in again with its signature replaces the port (the old right is released).
    /// </summary>
    public NetnameReturn CheckIn(string name, CarriedRight signature, CarriedRight port, List<IpcEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(effects);
        var code = !port.HoldsRight ? NetnameReturn.InvalidPort
            : _names.TryGetValue(name, out var old) && old.Signature.Port != signature.Port ? NetnameReturn.NotYours
            : NetnameReturn.Success;
        if (code != NetnameReturn.Success)
        {
            Notifications.Release(port, effects);
            Notifications.Release(signature, effects);
            return code;
        }
        if (_names.TryGetValue(name, out var previous))
        {
            Notifications.Release(previous.Port, effects);
            Notifications.Release(previous.Signature, effects);
        }
        _names[name] = (port, signature);
        return NetnameReturn.Success;
    }

    /// <summary>netname_look_up: the right registered under <paramref name="name"/> (the caller copies it); NoSuchHost for a host other than "", "*" or "localhost"; NotCheckedIn when unknown.</summary>
    public NetnameReturn LookUp(string host, string name, out CarriedRight port)
    {
        port = CarriedRight.Null;
        if (host is not ("" or "*" or "localhost")) return NetnameReturn.NoSuchHost;
        if (name is null || !_names.TryGetValue(name, out var entry)) return NetnameReturn.NotCheckedIn;
        port = entry.Port;
        return NetnameReturn.Success;
    }

    /// <summary>netname_check_out: removes <paramref name="name"/> when <paramref name="signature"/> is the one it was checked in with (its rights are released). NotCheckedIn, NotYours otherwise. The signature right passed in is released either way.</summary>
    public NetnameReturn CheckOut(string name, CarriedRight signature, List<IpcEffect> effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        NetnameReturn code;
        if (name is null || !_names.TryGetValue(name, out var entry)) code = NetnameReturn.NotCheckedIn;
        else if (entry.Signature.Port != signature.Port) code = NetnameReturn.NotYours;
        else
        {
            _names.Remove(name);
            Notifications.Release(entry.Port, effects);
            Notifications.Release(entry.Signature, effects);
            code = NetnameReturn.Success;
        }
        Notifications.Release(signature, effects);
        return code;
    }
}
