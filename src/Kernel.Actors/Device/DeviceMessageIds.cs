namespace MachActors.Kernel.Device;

/// <summary>
/// MIG message ids of the device subsystem (base 2800; replies are request + 100, subsystem
/// device_reply 2900). The asynchronous <c>device_*_request</c> forms use the same request ids, and
/// their <c>ds_device_*_reply</c> answers equal the synchronous reply ids (spec section 7).
/// </summary>
public static class DeviceMessageIds
{
    /// <summary>device_open / device_open_request.</summary>
    public const int Open = 2800;

    /// <summary>device_close.</summary>
    public const int Close = 2801;

    /// <summary>device_write / device_write_request.</summary>
    public const int Write = 2802;

    /// <summary>device_write_inband / device_write_request_inband.</summary>
    public const int WriteInband = 2803;

    /// <summary>device_read / device_read_request.</summary>
    public const int Read = 2804;

    /// <summary>device_read_inband / device_read_request_inband.</summary>
    public const int ReadInband = 2805;

    /// <summary>device_set_status.</summary>
    public const int SetStatus = 2810;

    /// <summary>device_get_status.</summary>
    public const int GetStatus = 2811;

    /// <summary>The offset from a request id to its reply id.</summary>
    public const int ReplyOffset = 100;
}
