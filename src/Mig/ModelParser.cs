using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace MachActors.Mig;

/// <summary>
/// Turns a [MigSubsystem] interface into a <see cref="SubsystemModel"/>: numbers the routines (next
/// slot, [MigSkip], explicit offsets), checks every declaration and collects the diagnostics.
/// </summary>
internal static class ModelParser
{
    private static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat;

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var subsystem = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? type.Name : type.Name;
        var baseId = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int b ? b : 0;

        var diags = new List<DiagInfo>();
        var routines = new List<RoutineModel>();
        var taken = new Dictionary<int, string>();
        var next = 0;
        foreach (var member in type.GetMembers())
        {
            cancellation.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared) continue;
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                if (member is IMethodSymbol) continue; // accessors of a property or event, reported on the property itself
                diags.Add(ParamParser.Diag(MigDiagnostics.NotARoutine, member, member.Name, type.Name));
                continue;
            }

            var routineAttr = ParamParser.Find(method, MetadataNames.Routine);
            var simpleAttr = ParamParser.Find(method, MetadataNames.SimpleRoutine);
            if (routineAttr is null == (simpleAttr is null))
            {
                diags.Add(ParamParser.Diag(MigDiagnostics.NotARoutine, method, method.Name, type.Name));
                continue;
            }

            var skip = ParamParser.Find(method, MetadataNames.Skip);
            var skipCount = skip is null ? 0 : ParamParser.IntArg(skip, 1);
            var offset = ParamParser.IntArg((routineAttr ?? simpleAttr)!, -1);
            var explicitOffset = (routineAttr ?? simpleAttr)!.ConstructorArguments.Length > 0;
            if (skip is not null && skipCount < 1 || explicitOffset && offset < 0)
            {
                diags.Add(ParamParser.Diag(MigDiagnostics.BadNumbering, method, method.Name,
                    (skip is not null && skipCount < 1 ? skipCount : offset).ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            next += skipCount;
            if (explicitOffset) next = offset;
            var id = baseId + next;
            next++;

            if (taken.TryGetValue(id, out var holder))
            {
                diags.Add(ParamParser.Diag(MigDiagnostics.DuplicateId, method, method.Name, id.ToString(CultureInfo.InvariantCulture), holder, subsystem));
                continue;
            }
            taken[id] = method.Name;

            var routine = ParseRoutine(method, id, simpleAttr is not null, diags);
            if (routine is not null) routines.Add(routine);
        }

        var model = diags.Count > 0 ? null : new SubsystemModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            type.ToDisplayString(Qualified),
            Stem(type.Name),
            IsPublic(type) ? "public" : "internal",
            subsystem,
            baseId,
            new EquatableArray<RoutineModel>(routines.ToArray()));
        return new ParseResult(model, new EquatableArray<DiagInfo>(diags.ToArray()));
    }

    /// <summary>Reports a [MigRoutine] or [MigSimpleRoutine] method whose type is not a [MigSubsystem] interface.</summary>
    public static DiagInfo? CheckEnclosing(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var method = context.TargetSymbol;
        var owner = method.ContainingType;
        if (owner is { TypeKind: TypeKind.Interface } && ParamParser.Find(owner, MetadataNames.Subsystem) is not null) return null;
        return ParamParser.Diag(MigDiagnostics.MissingSubsystem, method, method.Name, owner?.Name ?? "?");
    }

    private static RoutineModel? ParseRoutine(IMethodSymbol method, int id, bool isSimple, List<DiagInfo> diags)
    {
        var before = diags.Count;
        var returnType = "";
        if (!(isSimple && method.ReturnsVoid))
        {
            var ret = method.ReturnType;
            var ok = ret.SpecialType == SpecialType.System_Int32
                || ret is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType.SpecialType: SpecialType.System_Int32 };
            if (!ok || method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                diags.Add(ParamParser.Diag(MigDiagnostics.UnsupportedReturn, method, method.Name, ret.ToDisplayString()));
            }
            returnType = ret.ToDisplayString(Qualified);
        }

        if (method.IsGenericMethod)
        {
            diags.Add(ParamParser.Diag(MigDiagnostics.UnsupportedParameter, method, "<type parameters>", method.Name, "a routine cannot be generic"));
        }

        var parameters = method.Parameters;
        if (parameters.Length == 0 || parameters[0].RefKind != RefKind.None || !ParamParser.IsType(parameters[0].Type, MetadataNames.PortName))
        {
            diags.Add(ParamParser.Diag(MigDiagnostics.MissingRequestPort, method, method.Name));
            return null;
        }

        var requestDisposition = ParamParser.RequestDisposition(parameters[0], method.Name, diags);
        var models = new List<ParamModel>();
        foreach (var p in parameters.Skip(1))
        {
            var model = ParamParser.Parse(p, method.Name, isSimple, diags);
            if (model is not null) models.Add(model);
        }

        if (diags.Count > before || requestDisposition is null) return null;
        return new RoutineModel(method.Name, id, isSimple, returnType, parameters[0].Name, requestDisposition.Value, new EquatableArray<ParamModel>(models.ToArray()));
    }

    private static string Stem(string name) =>
        name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]) ? name.Substring(1) : name;

    private static bool IsPublic(INamedTypeSymbol type)
    {
        for (ISymbol? t = type; t is INamedTypeSymbol named; t = named.ContainingType)
        {
            if (named.DeclaredAccessibility != Accessibility.Public) return false;
        }
        return true;
    }
}
