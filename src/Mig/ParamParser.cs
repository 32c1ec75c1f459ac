using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MachActors.Mig;

/// <summary>Classifies one method parameter into a <see cref="ParamModel"/>, or reports why it cannot travel.</summary>
internal static class ParamParser
{
    private static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat;

    public static bool IsType(ITypeSymbol type, string metadataName) =>
        type is INamedTypeSymbol named && FullName(named.OriginalDefinition) == metadataName;

    public static string FullName(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : "";
        var outer = type.ContainingType is { } c ? FullName(c) + "+" : "";
        var arity = type.Arity > 0 ? "`" + type.Arity : "";
        return outer.Length > 0 ? outer + type.Name + arity : ns + type.Name + arity;
    }

    public static AttributeData? Find(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && FullName(c) == metadataName);

    public static int IntArg(AttributeData attribute, int fallback) =>
        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is { } v ? System.Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public static bool BoolArg(AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is true;

    /// <summary>The request port's disposition ([MigPort] or CopySend), or null after reporting a bad one.</summary>
    public static int? RequestDisposition(IParameterSymbol p, string routine, List<DiagInfo> diags)
    {
        var port = Find(p, MetadataNames.Port);
        var disposition = port is null ? MetadataNames.CopySend : IntArg(port, MetadataNames.CopySend);
        if (disposition < MetadataNames.MoveSend || disposition > MetadataNames.MakeSendOnce)
        {
            diags.Add(Diag(MigDiagnostics.BadDisposition, p, p.Name, routine, disposition.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "a request port needs a send-type disposition (MoveSend..MakeSendOnce)"));
            return null;
        }
        return disposition;
    }

    /// <summary>The model of a parameter after the request port, or null after reporting why not.</summary>
    public static ParamModel? Parse(IParameterSymbol p, string routine, bool isSimple, List<DiagInfo> diags)
    {
        if (p.RefKind is not (RefKind.None or RefKind.Out))
        {
            diags.Add(Diag(MigDiagnostics.UnsupportedParameter, p, p.Name, routine, "only in (no modifier) and out parameters travel"));
            return null;
        }

        var isOut = p.RefKind == RefKind.Out;
        var kind = Classify(p.Type);
        if (kind is null)
        {
            diags.Add(Diag(MigDiagnostics.UnsupportedParameter, p, p.Name, routine,
                $"type '{p.Type.ToDisplayString()}' has no MIG form (int, uint, long, ulong, bool, enums, string, ImmutableArray<byte>, PortName, ImmutableArray<PortName>, MigReplyHandle)"));
            return null;
        }

        if (isOut && p.Name is "reply" or "retCode")
        {
            diags.Add(Diag(MigDiagnostics.UnsupportedParameter, p, p.Name, routine, "'reply' and 'retCode' are reserved for the reply builder's own parameters"));
            return null;
        }

        if (isOut && isSimple)
        {
            diags.Add(Diag(MigDiagnostics.OutOnSimpleRoutine, p, routine, p.Name));
            return null;
        }

        if (kind == ParamKind.ReplyHandle && (isOut || isSimple))
        {
            diags.Add(Diag(MigDiagnostics.UnsupportedParameter, p, p.Name, routine, "a MigReplyHandle is an in parameter of a routine (a simpleroutine has no reply)"));
            return null;
        }

        var port = Find(p, MetadataNames.Port);
        var ool = Find(p, MetadataNames.OutOfLine);
        var max = Find(p, MetadataNames.MaxCount);
        var isPort = kind is ParamKind.Port or ParamKind.PortArray;
        if (port is not null && !isPort || ool is not null && kind is not (ParamKind.Bytes or ParamKind.PortArray)
            || max is not null && kind is not (ParamKind.Bytes or ParamKind.PortArray or ParamKind.String))
        {
            diags.Add(Diag(MigDiagnostics.UnsupportedParameter, p, p.Name, routine,
                "[MigPort] applies to ports, [MigOutOfLine] to arrays, [MigMaxCount] to arrays and strings"));
            return null;
        }

        var disposition = isPort ? (port is null ? MetadataNames.CopySend : IntArg(port, MetadataNames.CopySend)) : 0;
        if (isPort && (disposition < MetadataNames.PortNameOnly || disposition > MetadataNames.MakeSendOnce))
        {
            diags.Add(Diag(MigDiagnostics.BadDisposition, p, p.Name, routine, disposition.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "a body port needs PortNameOnly or a right disposition (MoveReceive..MakeSendOnce)"));
            return null;
        }

        var maxCount = max is null ? -1 : IntArg(max, -1);
        if (max is not null && maxCount < 0)
        {
            diags.Add(Diag(MigDiagnostics.UnsupportedParameter, p, p.Name, routine, "[MigMaxCount] needs a count of 0 or more"));
            return null;
        }

        return new ParamModel(p.Name, p.Type.ToDisplayString(Qualified), kind.Value, isOut, disposition,
            ool is not null, ool is not null && BoolArg(ool), maxCount);
    }

    private static ParamKind? Classify(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Int32: return ParamKind.Int32;
            case SpecialType.System_UInt32: return ParamKind.UInt32;
            case SpecialType.System_Int64: return ParamKind.Int64;
            case SpecialType.System_UInt64: return ParamKind.UInt64;
            case SpecialType.System_Boolean: return ParamKind.Bool;
            case SpecialType.System_String: return ParamKind.String;
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            return underlying.SpecialType is SpecialType.System_Int64 or SpecialType.System_UInt64 ? ParamKind.Enum64 : ParamKind.Enum32;
        }

        if (IsType(type, MetadataNames.PortName)) return ParamKind.Port;
        if (IsType(type, MetadataNames.ReplyHandle)) return ParamKind.ReplyHandle;
        if (IsType(type, MetadataNames.ImmutableArray) && type is INamedTypeSymbol { TypeArguments.Length: 1 } array)
        {
            var element = array.TypeArguments[0];
            if (element.SpecialType == SpecialType.System_Byte) return ParamKind.Bytes;
            if (IsType(element, MetadataNames.PortName)) return ParamKind.PortArray;
        }
        return null;
    }

    public static DiagInfo Diag(DiagnosticDescriptor descriptor, ISymbol at, params string[] args) =>
        new(descriptor, at.Locations.FirstOrDefault(), new EquatableArray<string>(args));
}
