using System.Collections.Immutable;
using MachActors.Kernel.Mig;
using MachActors.Mig;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MachActors.Tests.Unit.Mig;

/// <summary>The generator run in memory (CSharpGeneratorDriver): bad declarations give MIG diagnostics, never crashes.</summary>
public class MigGeneratorDiagnosticsTests
{
    private const string Usings = "using System.Collections.Immutable; using MachActors.Kernel; using MachActors.Kernel.Ipc; using MachActors.Kernel.Mig;\nnamespace T;\n";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. platform.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(MigSubsystemAttribute).Assembly.Location)];
    });

    /// <summary>Runs the generator on <paramref name="source"/>: its diagnostics, the output's compile errors, and the generated files.</summary>
    private static (ImmutableArray<Diagnostic> Generator, ImmutableArray<Diagnostic> Compile, int Files) Run(string source)
    {
        var compilation = CSharpCompilation.Create("t", [CSharpSyntaxTree.ParseText(Usings + source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new MigGenerator());
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("MIG", StringComparison.Ordinal)).ToImmutableArray();
        return (diagnostics, errors, driver.GetRunResult().GeneratedTrees.Length);
    }

    private static void AssertOnly(string id, string source)
    {
        var (generator, _, files) = Run(source);
        Assert.Equal([id], generator.Select(d => d.Id).Distinct());
        Assert.All(generator, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(0, files);
    }

    [Fact]
    public void Generator_ValidInterface_NoDiagnosticsAndOutputCompiles()
    {
        var (generator, compile, files) = Run("""
            public enum E : short { A = 1 }
            [MigSubsystem("ok", 100)]
            public interface IOk
            {
                [MigRoutine] KernReturn A(PortName p, E e, [MigOutOfLine] ImmutableArray<byte> b, out string s);
                [MigSkip(3)][MigSimpleRoutine] void B([MigPort(MsgType.MakeSendOnce)] PortName p, [MigPort(MsgType.MoveReceive)] PortName r);
                [MigRoutine(20)] int C(PortName p, MigReplyHandle h, [MigMaxCount(2)] out ImmutableArray<PortName> ports);
            }
            """);
        Assert.Empty(generator);
        Assert.Empty(compile);
        Assert.Equal(2, files);
    }

    [Fact]
    public void Generator_DuplicateId_MIG001() => AssertOnly("MIG001", """
        [MigSubsystem("d", 100)]
        public interface ID { [MigRoutine(1)] KernReturn A(PortName p); [MigRoutine] KernReturn B(PortName p); [MigRoutine(2)] KernReturn C(PortName p); }
        """);

    [Fact]
    public void Generator_UnsupportedParameterType_MIG002() => AssertOnly("MIG002", """
        [MigSubsystem("u", 100)]
        public interface IU { [MigRoutine] KernReturn A(PortName p, double d); }
        """);

    [Fact]
    public void Generator_RefParameter_MIG002() => AssertOnly("MIG002", """
        [MigSubsystem("u", 100)]
        public interface IU { [MigRoutine] KernReturn A(PortName p, ref int d); }
        """);

    [Fact]
    public void Generator_PortAttributeOnInt_MIG002() => AssertOnly("MIG002", """
        [MigSubsystem("u", 100)]
        public interface IU { [MigRoutine] KernReturn A(PortName p, [MigPort(MsgType.CopySend)] int d); }
        """);

    [Fact]
    public void Generator_RoutineWithoutSubsystem_MIG003() => AssertOnly("MIG003", """
        public interface INo { [MigRoutine] KernReturn A(PortName p); [MigSimpleRoutine] void B(PortName p); }
        """);

    [Fact]
    public void Generator_OutOnSimpleRoutine_MIG004() => AssertOnly("MIG004", """
        [MigSubsystem("s", 100)]
        public interface IS { [MigSimpleRoutine] void A(PortName p, out int x); }
        """);

    [Fact]
    public void Generator_VoidRoutine_MIG005() => AssertOnly("MIG005", """
        [MigSubsystem("r", 100)]
        public interface IR { [MigRoutine] void A(PortName p); }
        """);

    [Fact]
    public void Generator_NoRequestPort_MIG006() => AssertOnly("MIG006", """
        [MigSubsystem("q", 100)]
        public interface IQ { [MigRoutine] KernReturn A(int x); }
        """);

    [Fact]
    public void Generator_UnmarkedMember_MIG007() => AssertOnly("MIG007", """
        [MigSubsystem("m", 100)]
        public interface IM { [MigRoutine] KernReturn A(PortName p); KernReturn B(PortName p); int P { get; } }
        """);

    [Fact]
    public void Generator_ReceiveDispositionOnRequestPort_MIG008() => AssertOnly("MIG008", """
        [MigSubsystem("b", 100)]
        public interface IB { [MigRoutine] KernReturn A([MigPort(MsgType.MoveReceive)] PortName p); }
        """);

    [Fact]
    public void Generator_NegativeSlot_MIG009() => AssertOnly("MIG009", """
        [MigSubsystem("n", 100)]
        public interface IN { [MigRoutine(-2)] KernReturn A(PortName p); }
        """);
}
