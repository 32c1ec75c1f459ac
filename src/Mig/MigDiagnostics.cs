using Microsoft.CodeAnalysis;

namespace MachActors.Mig;

/// <summary>The generator's diagnostics: bad declarations are errors with a clear message, never crashes.</summary>
internal static class MigDiagnostics
{
    private const string Category = "MIG";

    public static readonly DiagnosticDescriptor DuplicateId = new(
        "MIG001", "Duplicate MIG message id",
        "Routine '{0}' takes id {1}, which '{2}' already has in subsystem '{3}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedParameter = new(
        "MIG002", "Unsupported MIG parameter",
        "Parameter '{0}' of routine '{1}' is not supported: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingSubsystem = new(
        "MIG003", "MIG routine outside a subsystem",
        "Routine '{0}' is declared in '{1}', which is not an interface marked [MigSubsystem]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OutOnSimpleRoutine = new(
        "MIG004", "Out parameter on a simpleroutine",
        "Simpleroutine '{0}' declares out parameter '{1}', but a simpleroutine has no reply",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedReturn = new(
        "MIG005", "Unsupported MIG return type",
        "Routine '{0}' returns '{1}': a routine returns its RetCode as int or an int enum (a simpleroutine may also return void)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingRequestPort = new(
        "MIG006", "Missing MIG request port",
        "Routine '{0}' must take the request port first: an in parameter of type PortName",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotARoutine = new(
        "MIG007", "Member is not a MIG routine",
        "Member '{0}' of subsystem interface '{1}' must be a method marked with exactly one of [MigRoutine] or [MigSimpleRoutine]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadDisposition = new(
        "MIG008", "Invalid MIG port disposition",
        "Parameter '{0}' of routine '{1}' has disposition {2}: {3}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadNumbering = new(
        "MIG009", "Invalid MIG numbering",
        "Routine '{0}' has an invalid slot or skip count ({1}): both must be 0 or more (a skip 1 or more)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
