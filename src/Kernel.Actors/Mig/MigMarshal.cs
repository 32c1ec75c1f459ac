using System.Collections.Immutable;
using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig;

/// <summary>
/// The item builders and type checks generated stubs and demuxes call: one builder per parameter
/// kind, and one check per kind that accepts an item only when its type (and, for ports, the right
/// that arrives; for arrays, inline or out of line) matches the declaration.
/// </summary>
public static class MigMarshal
{
    /// <summary>A boolean as MIG sends it (INTEGER_32, 1 or 0).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The item.</returns>
    public static MsgItem Bool(bool value) => new MsgItem.Int32(value ? 1 : 0);

    /// <summary>A C string; null travels as the empty string.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The item.</returns>
    public static MsgItem String(string? value) => new MsgItem.CString(value ?? string.Empty);

    /// <summary>Bytes, inline or out of line; a default array travels as an empty one.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="outOfLine">Out of line.</param>
    /// <param name="deallocate">Out of line: the region leaves the sender.</param>
    /// <returns>The item.</returns>
    public static MsgItem Bytes(ImmutableArray<byte> data, bool outOfLine, bool deallocate) =>
        new MsgItem.Bytes(data.IsDefault ? [] : data, outOfLine, outOfLine && deallocate);

    /// <summary>An array of port names with one disposition; a default array travels as an empty one.</summary>
    /// <param name="names">The names.</param>
    /// <param name="disposition">The disposition of every element.</param>
    /// <param name="outOfLine">Out of line.</param>
    /// <returns>The item.</returns>
    public static MsgItem Ports(ImmutableArray<PortName> names, MsgType disposition, bool outOfLine) =>
        new MsgItem.PortArray(names.IsDefault ? [] : names, disposition, outOfLine);

    /// <summary>
    /// What a disposition arrives as: MoveReceive -> PortReceive; MoveSend, CopySend, MakeSend ->
    /// PortSend; MoveSendOnce, MakeSendOnce -> PortSendOnce; PortNameOnly and None unchanged.
    /// </summary>
    /// <param name="disposition">A send-side disposition or a received type.</param>
    /// <returns>The received type.</returns>
    public static MsgType Arrives(MsgType disposition) => disposition switch
    {
        MsgType.CopySend or MsgType.MakeSend => MsgType.PortSend,
        MsgType.MakeSendOnce => MsgType.PortSendOnce,
        _ => disposition,
    };

    /// <summary>Accepts an INTEGER_32 item.</summary>
    /// <param name="item">The item.</param>
    /// <param name="value">Its value, or 0.</param>
    /// <returns>True when the item has the type.</returns>
    public static bool TryInt32(MsgItem item, out int value)
    {
        value = item is MsgItem.Int32 i ? i.Value : 0;
        return item is MsgItem.Int32;
    }

    /// <summary>Accepts an INTEGER_64 item.</summary>
    /// <param name="item">The item.</param>
    /// <param name="value">Its value, or 0.</param>
    /// <returns>True when the item has the type.</returns>
    public static bool TryInt64(MsgItem item, out long value)
    {
        value = item is MsgItem.Int64 i ? i.Value : 0;
        return item is MsgItem.Int64;
    }

    /// <summary>Accepts a boolean (INTEGER_32; any nonzero value is true).</summary>
    /// <param name="item">The item.</param>
    /// <param name="value">Its value, or false.</param>
    /// <returns>True when the item has the type.</returns>
    public static bool TryBool(MsgItem item, out bool value)
    {
        var ok = TryInt32(item, out var raw);
        value = raw != 0;
        return ok;
    }

    /// <summary>Accepts a C string of at most <paramref name="max"/> UTF-8 bytes (negative: no limit).</summary>
    /// <param name="item">The item.</param>
    /// <param name="max">The maximum, or -1.</param>
    /// <param name="value">Its text, or the empty string.</param>
    /// <returns>True when the item has the type and fits.</returns>
    public static bool TryString(MsgItem item, int max, out string value)
    {
        value = item is MsgItem.CString s ? s.Value : string.Empty;
        return item is MsgItem.CString && Fits(CountOf(value), max);
    }

    /// <summary>Accepts bytes travelling inline or out of line as declared, at most <paramref name="max"/> (negative: no limit).</summary>
    /// <param name="item">The item.</param>
    /// <param name="outOfLine">The declared placement.</param>
    /// <param name="max">The maximum, or -1.</param>
    /// <param name="value">The bytes, or empty.</param>
    /// <returns>True when the item has the type, the placement and fits.</returns>
    public static bool TryBytes(MsgItem item, bool outOfLine, int max, out ImmutableArray<byte> value)
    {
        var ok = item is MsgItem.Bytes b && b.OutOfLine == outOfLine && !b.Data.IsDefault && Fits(b.Data.Length, max);
        value = ok ? ((MsgItem.Bytes)item).Data : [];
        return ok;
    }

    /// <summary>Accepts one port item whose right arrives as <paramref name="disposition"/> would.</summary>
    /// <param name="item">The item.</param>
    /// <param name="disposition">The declared disposition.</param>
    /// <param name="value">The name, or NULL.</param>
    /// <returns>True when the item has the type.</returns>
    public static bool TryPort(MsgItem item, MsgType disposition, out PortName value)
    {
        var ok = item is MsgItem.Port p && Arrives(p.Disposition) == Arrives(disposition);
        value = ok ? ((MsgItem.Port)item).Name : PortName.Null;
        return ok;
    }

    /// <summary>Accepts a port array whose rights arrive as <paramref name="disposition"/> would, placed as declared, at most <paramref name="max"/> (negative: no limit).</summary>
    /// <param name="item">The item.</param>
    /// <param name="disposition">The declared disposition.</param>
    /// <param name="outOfLine">The declared placement.</param>
    /// <param name="max">The maximum, or -1.</param>
    /// <param name="value">The names, or empty.</param>
    /// <returns>True when the item has the type, the placement and fits.</returns>
    public static bool TryPorts(MsgItem item, MsgType disposition, bool outOfLine, int max, out ImmutableArray<PortName> value)
    {
        var ok = item is MsgItem.PortArray a && Arrives(a.Disposition) == Arrives(disposition) && a.OutOfLine == outOfLine
            && !a.Names.IsDefault && Fits(a.Names.Length, max);
        value = ok ? ((MsgItem.PortArray)item).Names : [];
        return ok;
    }

    /// <summary>True when <paramref name="count"/> is within <paramref name="max"/> (negative: no limit).</summary>
    /// <param name="count">The element count.</param>
    /// <param name="max">The maximum, or -1.</param>
    /// <returns>Whether it fits.</returns>
    public static bool Fits(int count, int max) => max < 0 || count <= max;

    /// <summary>The element count MIG limits for a string: its UTF-8 bytes, NUL not counted.</summary>
    /// <param name="value">The text (null: 0).</param>
    /// <returns>The count.</returns>
    public static int CountOf(string? value) => value is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(value);

    /// <summary>The element count of an array (default: 0).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="value">The array.</param>
    /// <returns>The count.</returns>
    public static int CountOf<T>(ImmutableArray<T> value) => value.IsDefault ? 0 : value.Length;
}
