using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using MachActors.Actors;

namespace MachActors.Pagers.Sdk;

/// <summary>
/// A pager class loaded from a user's assembly (<c>--pager PATH.dll:Namespace.Type</c>, docs/PAGERS.md).
/// Constructor convention: the class is public, non-abstract, derives from <see cref="Pager"/>, and has
/// a public constructor taking the page size (<c>(int pageSize)</c>), or else a public parameterless one.
/// Each <see cref="PropsFor"/> call gives props that construct a fresh instance in the actor's first
/// turn; a constructor that throws fails that turn, so the machine's pager supervisor stops the pager
/// and its memory objects take the pager-death path (never a host crash).
/// </summary>
public sealed class PagerPlugin
{
    private static readonly ConcurrentDictionary<string, Lazy<PagerLoadResult>> Loaded = new(StringComparer.Ordinal);

    private readonly Func<int, Actor> _create;

    private PagerPlugin(string spec, string assemblyPath, Type type, Func<int, Actor> create, BuiltInPager? builtIn)
    {
        Spec = spec;
        AssemblyPath = assemblyPath;
        Type = type;
        _create = create;
        BuiltIn = builtIn;
    }

    /// <summary>The built-in pager this is (<c>--pager NAME</c>, <see cref="BuiltInPagers"/>), or null for a plugin assembly.</summary>
    public BuiltInPager? BuiltIn { get; }

    /// <summary>The plugin's canonical spec: the assembly's full path, a colon, the type's full name, or a built-in pager's name (what a schedule file records).</summary>
    public string Spec { get; }

    /// <summary>The assembly's full path.</summary>
    public string AssemblyPath { get; }

    /// <summary>The pager class.</summary>
    public Type Type { get; }

    /// <summary>Props that make the pager for a kernel with pages of <paramref name="pageSize"/> bytes.</summary>
    /// <param name="pageSize">The machine's page size.</param>
    public Props PropsFor(int pageSize) => Props.Create(Type, () => _create(pageSize));

    /// <inheritdoc />
    public override string ToString() => BuiltIn is { } b ? $"the built-in {b.Name} pager ({Type.FullName})" : $"{Type.FullName} from {AssemblyPath}";

    /// <summary>
    /// Splits <paramref name="spec"/> (<c>PATH.dll:Namespace.Type</c>, split at the last colon so a
    /// Windows drive letter stays in the path) into the assembly path and the type name; false with the
    /// problem when either is missing.
    /// </summary>
    public static bool TryParse(string spec, out string path, out string typeName, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colon = spec.LastIndexOf(':');
        path = colon > 0 ? spec[..colon].Trim() : "";
        typeName = colon >= 0 ? spec[(colon + 1)..].Trim() : "";
        problem = colon < 0 || path.Length == 0 || typeName.Length == 0 || typeName.Contains('\\') || typeName.Contains('/')
            ? $"'{spec}' is not PATH.dll:Namespace.Type (an assembly path, a colon, the pager class's name) nor a built-in pager ({BuiltInPagers.Names})"
            : null;
        return problem is null;
    }

    /// <summary>
    /// Loads the pager class <paramref name="spec"/> names (once per process for each assembly and type:
    /// later calls answer the same plugin), or the built-in pager a spec without a colon names
    /// (<see cref="BuiltInPagers"/>: memory, file, compressing, dsm). Never throws for bad input: false with
    /// <paramref name="error"/> naming the file and the type and saying what is wrong.
    /// </summary>
    public static bool TryLoad(string spec, [NotNullWhen(true)] out PagerPlugin? plugin, [NotNullWhen(false)] out PagerLoadError? error)
    {
        ArgumentNullException.ThrowIfNull(spec);
        plugin = null;
        if (!spec.Contains(':') && BuiltInPagers.TryFind(spec, out var builtIn))
        {
            plugin = new PagerPlugin(builtIn.Name, builtIn.Type.Assembly.Location, builtIn.Type, builtIn.Create, builtIn);
            error = null;
            return true;
        }
        if (!TryParse(spec, out var path, out var typeName, out var problem))
        {
            error = new PagerLoadError(PagerLoadProblem.BadFormat, problem);
            return false;
        }
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = new PagerLoadError(PagerLoadProblem.BadFormat, $"pager '{typeName}' in '{path}': not a file path ({e.Message})");
            return false;
        }
        var key = full + ":" + typeName;
        var result = Loaded.GetOrAdd(key, _ => new Lazy<PagerLoadResult>(() => Load(full, typeName))).Value;
        if (result.Plugin is null) Loaded.TryRemove(key, out _); // a failure is not remembered: the file may appear or be fixed
        plugin = result.Plugin;
        error = result.Error;
        return plugin is not null;
    }

    private static PagerLoadResult Load(string path, string typeName)
    {
        var what = $"pager '{typeName}' in '{path}'";
        if (!System.IO.File.Exists(path)) return Fail(PagerLoadProblem.FileNotFound, $"{what}: the file does not exist");
        Assembly assembly;
        try
        {
            assembly = new PagerLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or IOException or InvalidOperationException or ArgumentException)
        {
            return Fail(PagerLoadProblem.BadAssembly, $"{what}: the file is not a loadable .NET assembly ({e.Message})");
        }
        var type = FindType(assembly, typeName, out var candidates);
        if (type is null)
        {
            var known = candidates.Count == 0 ? "it has no pager classes" : "its pager classes: " + string.Join(", ", candidates);
            return Fail(PagerLoadProblem.TypeNotFound, $"{what}: no such public class ({known})");
        }
        if (!typeof(Pager).IsAssignableFrom(type) || type.IsAbstract || type.ContainsGenericParameters)
        {
            return Fail(PagerLoadProblem.NotAPager, $"{what}: {type.FullName} is not a concrete class derived from {typeof(Pager).FullName} (is the SDK the host's version?)");
        }
        var withPageSize = type.GetConstructor([typeof(int)]);
        var constructor = withPageSize ?? type.GetConstructor(Type.EmptyTypes);
        if (constructor is null)
        {
            return Fail(PagerLoadProblem.NoUsableConstructor, $"{what}: {type.FullName} has no public constructor (int pageSize) or ()");
        }
        var takesPageSize = withPageSize is not null;
        Actor Create(int pageSize) => (Actor)constructor.Invoke(BindingFlags.DoNotWrapExceptions, null, takesPageSize ? [pageSize] : [], CultureInfo.InvariantCulture);
        return new PagerLoadResult(new PagerPlugin(path + ":" + type.FullName, path, type, Create, null), null);
    }

    /// <summary>The public class named <paramref name="typeName"/> (full name, or a simple name matching one class); the assembly's pager classes for the error message.</summary>
    private static Type? FindType(Assembly assembly, string typeName, out List<string> pagers)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            types = [];
        }
        pagers = [.. types.Where(t => typeof(Pager).IsAssignableFrom(t) && !t.IsAbstract).Select(t => t.FullName ?? t.Name).Order(StringComparer.Ordinal)];
        if (types.FirstOrDefault(t => t.FullName == typeName) is { } exact) return exact;
        var named = types.Where(t => t.Name == typeName).Take(2).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    private static PagerLoadResult Fail(PagerLoadProblem problem, string message) => new(null, new PagerLoadError(problem, message));

    private sealed record PagerLoadResult(PagerPlugin? Plugin, PagerLoadError? Error);
}

/// <summary>Why a pager plugin did not load.</summary>
public enum PagerLoadProblem
{
    /// <summary>The spec is not PATH.dll:Namespace.Type.</summary>
    BadFormat,

    /// <summary>No file at the path.</summary>
    FileNotFound,

    /// <summary>The file is not a .NET assembly this runtime can load.</summary>
    BadAssembly,

    /// <summary>The assembly has no public class of that name.</summary>
    TypeNotFound,

    /// <summary>The class does not derive from <see cref="Pager"/>, or is abstract or generic.</summary>
    NotAPager,

    /// <summary>The class has neither a public (int pageSize) constructor nor a public parameterless one.</summary>
    NoUsableConstructor,
}

/// <summary>A pager plugin that did not load: what is wrong, and a message naming the file and the type.</summary>
/// <param name="Problem">The kind of problem.</param>
/// <param name="Message">For the user: the type, the file, and what is wrong.</param>
public sealed record PagerLoadError(PagerLoadProblem Problem, string Message);
