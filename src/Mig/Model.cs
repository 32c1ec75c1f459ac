using System;
using Microsoft.CodeAnalysis;

namespace MachActors.Mig;

// The interface model the parser builds and the emitters read. Plain equatable data (no symbols),
// so the incremental pipeline re-emits only when a declaration really changed.

/// <summary>How a parameter travels.</summary>
internal enum ParamKind
{
    Int32,
    UInt32,
    Int64,
    UInt64,
    Bool,
    Enum32,
    Enum64,
    String,
    Bytes,
    Port,
    PortArray,
    ReplyHandle,
}

/// <summary>One parameter after the request port.</summary>
/// <param name="Name">The C# name.</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="Kind">How it travels.</param>
/// <param name="IsOut">An out parameter (in the reply).</param>
/// <param name="Disposition">Ports: the MsgType value.</param>
/// <param name="OutOfLine">Arrays: out of line.</param>
/// <param name="Deallocate">Out-of-line arrays: the region leaves the sender.</param>
/// <param name="Max">Strings and arrays: the most elements, or -1.</param>
internal sealed record ParamModel(string Name, string Type, ParamKind Kind, bool IsOut, int Disposition, bool OutOfLine, bool Deallocate, int Max);

/// <summary>One routine or simpleroutine.</summary>
/// <param name="Name">The C# method name.</param>
/// <param name="Id">The request id.</param>
/// <param name="IsSimple">A simpleroutine (one way).</param>
/// <param name="ReturnType">The fully qualified RetCode type, or "" for void.</param>
/// <param name="RequestPort">The first parameter's name.</param>
/// <param name="RequestDisposition">The request port's disposition.</param>
/// <param name="Params">The other parameters, in order.</param>
internal sealed record RoutineModel(string Name, int Id, bool IsSimple, string ReturnType, string RequestPort, int RequestDisposition, EquatableArray<ParamModel> Params);

/// <summary>One [MigSubsystem] interface.</summary>
/// <param name="Namespace">The interface's namespace ("" for the global one).</param>
/// <param name="Interface">The interface, fully qualified.</param>
/// <param name="Stem">The generated classes' stem: the interface's name without its leading I.</param>
/// <param name="Accessibility">"public" or "internal".</param>
/// <param name="Subsystem">The subsystem's name.</param>
/// <param name="Base">The base id.</param>
/// <param name="Routines">The routines, in id order of declaration.</param>
internal sealed record SubsystemModel(string Namespace, string Interface, string Stem, string Accessibility, string Subsystem, int Base, EquatableArray<RoutineModel> Routines);

/// <summary>A diagnostic to report, kept as data until the output stage.</summary>
/// <param name="Descriptor">What it is.</param>
/// <param name="Location">Where.</param>
/// <param name="Args">The message's arguments.</param>
internal sealed record DiagInfo(DiagnosticDescriptor Descriptor, Location? Location, EquatableArray<string> Args)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, Args.Count == 0 ? Array.Empty<object>() : System.Linq.Enumerable.ToArray<object>(Args));
}

/// <summary>What the parser made of one interface: a model (null when it has errors) and its diagnostics.</summary>
/// <param name="Model">The model, or null.</param>
/// <param name="Diagnostics">The diagnostics.</param>
internal sealed record ParseResult(SubsystemModel? Model, EquatableArray<DiagInfo> Diagnostics);
