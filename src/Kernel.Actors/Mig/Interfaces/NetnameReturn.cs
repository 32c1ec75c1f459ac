namespace MachActors.Kernel.Mig.Interfaces;

/// <summary>The name server's codes (netname_defs.h).</summary>
public enum NetnameReturn
{
    /// <summary>NETNAME_SUCCESS.</summary>
    Success = 0,

    /// <summary>NETNAME_NOT_YOURS: the signature does not match the one the name was checked in with.</summary>
    NotYours = 1000,

    /// <summary>NETNAME_NOT_CHECKED_IN: no port is checked in under the name.</summary>
    NotCheckedIn = 1001,

    /// <summary>NETNAME_NO_SUCH_HOST: the host name is unknown.</summary>
    NoSuchHost = 1002,

    /// <summary>NETNAME_HOST_NOT_FOUND: the host could not be reached.</summary>
    HostNotFound = 1003,

    /// <summary>NETNAME_INVALID_PORT: the port is not valid.</summary>
    InvalidPort = 1004,
}
