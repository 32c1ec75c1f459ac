using System.Globalization;

namespace MachActors.Mig;

/// <summary>
/// The text the emitters share: runtime type names, how each parameter kind becomes an item, and how
/// an item is checked and read back. Both sides use these, so stub and demux cannot disagree.
/// </summary>
internal static class Wire
{
    public const string Ipc = "global::MachActors.Kernel.Ipc.";
    public const string Mig = "global::MachActors.Kernel.Mig.";
    public const string Immutable = "global::System.Collections.Immutable.";
    public const string Item = Ipc + "MsgItem";
    public const string Marshal = Mig + "MigMarshal";
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"MachActors.Mig\", \"1.0\")]";

    public static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string MsgType(int value) => $"(({Ipc}MsgType){Num(value)})";

    public static string Id(string name) => "@" + name;

    /// <summary>The expression that builds the item for <paramref name="p"/> from <paramref name="value"/>.</summary>
    public static string Build(ParamModel p, string value) => p.Kind switch
    {
        ParamKind.Int32 => $"new {Item}.Int32({value})",
        ParamKind.UInt32 or ParamKind.Enum32 => $"new {Item}.Int32(unchecked((int){value}))",
        ParamKind.Int64 => $"new {Item}.Int64({value})",
        ParamKind.UInt64 or ParamKind.Enum64 => $"new {Item}.Int64(unchecked((long){value}))",
        ParamKind.Bool => $"{Marshal}.Bool({value})",
        ParamKind.String => $"{Marshal}.String({value})",
        ParamKind.Bytes => $"{Marshal}.Bytes({value}, {Bool(p.OutOfLine)}, {Bool(p.Deallocate)})",
        ParamKind.Port => $"new {Item}.Port({value}, {MsgType(p.Disposition)})",
        ParamKind.PortArray => $"{Marshal}.Ports({value}, {MsgType(p.Disposition)}, {Bool(p.OutOfLine)})",
        _ => "null!",
    };

    /// <summary>
    /// The condition that accepts <paramref name="item"/> as <paramref name="p"/> and declares
    /// <paramref name="raw"/> holding the wire value (see <see cref="Read"/> for the typed value).
    /// </summary>
    public static string Check(ParamModel p, string item, string raw, bool enforceMax) => p.Kind switch
    {
        ParamKind.Int32 or ParamKind.UInt32 or ParamKind.Enum32 => $"{Marshal}.TryInt32({item}, out var {raw})",
        ParamKind.Int64 or ParamKind.UInt64 or ParamKind.Enum64 => $"{Marshal}.TryInt64({item}, out var {raw})",
        ParamKind.Bool => $"{Marshal}.TryBool({item}, out var {raw})",
        ParamKind.String => $"{Marshal}.TryString({item}, {Max(p, enforceMax)}, out var {raw})",
        ParamKind.Bytes => $"{Marshal}.TryBytes({item}, {Bool(p.OutOfLine)}, {Max(p, enforceMax)}, out var {raw})",
        ParamKind.Port => $"{Marshal}.TryPort({item}, {MsgType(p.Disposition)}, out var {raw})",
        ParamKind.PortArray => $"{Marshal}.TryPorts({item}, {MsgType(p.Disposition)}, {Bool(p.OutOfLine)}, {Max(p, enforceMax)}, out var {raw})",
        _ => "false",
    };

    /// <summary>The typed value of a checked item's <paramref name="raw"/> wire value.</summary>
    public static string Read(ParamModel p, string raw) => p.Kind switch
    {
        ParamKind.UInt32 or ParamKind.Enum32 or ParamKind.UInt64 or ParamKind.Enum64 => $"unchecked(({p.Type}){raw})",
        _ => raw,
    };

    /// <summary>The value an out parameter takes when the call failed.</summary>
    public static string Default(ParamModel p) => p.Kind switch
    {
        ParamKind.String => "\"\"",
        ParamKind.Bytes => $"{Immutable}ImmutableArray<byte>.Empty",
        ParamKind.PortArray => $"{Immutable}ImmutableArray<{Ipc}PortName>.Empty",
        _ => $"default({p.Type})",
    };

    /// <summary>True for kinds whose length [MigMaxCount] limits.</summary>
    public static bool HasCount(ParamModel p) => p.Max >= 0 && p.Kind is ParamKind.String or ParamKind.Bytes or ParamKind.PortArray;

    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    private static string Max(ParamModel p, bool enforce) => enforce ? Num(p.Max) : "-1";

    private static string Bool(bool value) => value ? "true" : "false";
}
