using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MachActors.Mig;

/// <summary>
/// MIG as a Roslyn incremental generator. For every interface marked <c>[MigSubsystem]</c> it emits the
/// user stubs (<c>{Stem}Client</c>) and the server side (<c>{Stem}Server</c>); bad declarations are
/// reported as MIG001..MIG009 errors and generate nothing. See docs/MIG.md.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MigGenerator : IIncrementalGenerator
{
    /// <summary>Registers the pipelines: subsystems -> models -> sources; routines outside a subsystem -> MIG003.</summary>
    /// <param name="context">The generator's initialisation context.</param>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var subsystems = context.SyntaxProvider.ForAttributeWithMetadataName(
            MetadataNames.Subsystem,
            static (node, _) => node is InterfaceDeclarationSyntax,
            static (ctx, ct) => ModelParser.Parse(ctx, ct));

        context.RegisterSourceOutput(subsystems, static (spc, parsed) =>
        {
            foreach (var diag in parsed.Diagnostics) spc.ReportDiagnostic(diag.ToDiagnostic());
            if (parsed.Model is not { } model) return;
            var hint = (model.Namespace.Length > 0 ? model.Namespace + "." : "") + model.Stem;
            spc.AddSource(hint + "Client.g.cs", StubEmitter.Emit(model));
            spc.AddSource(hint + "Server.g.cs", ServerEmitter.Emit(model));
        });

        foreach (var attribute in new[] { MetadataNames.Routine, MetadataNames.SimpleRoutine })
        {
            var orphans = context.SyntaxProvider.ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => ModelParser.CheckEnclosing(ctx, ct));
            context.RegisterSourceOutput(orphans, static (spc, diag) =>
            {
                if (diag is not null) spc.ReportDiagnostic(diag.ToDiagnostic());
            });
        }
    }
}
