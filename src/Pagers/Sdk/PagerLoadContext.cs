using System.Reflection;
using System.Runtime.Loader;

namespace MachActors.Pagers.Sdk;

/// <summary>
/// The assembly load context of one pager plugin: the plugin's assembly and its own dependencies
/// (found through its <c>.deps.json</c> next to it) load here, while the assemblies the host shares
/// with it (<see cref="Shared"/>: the SDK, the kernel, the actor runtime, the hardware) come from the
/// host's context, so the plugin's <see cref="Pager"/> base class and the protocol's records are the
/// host's types even when copies of those assemblies sit next to the plugin. Not collectible: a plugin
/// stays loaded for the process's life (it may be explored many times).
/// </summary>
internal sealed class PagerLoadContext : AssemblyLoadContext
{
    /// <summary>The assemblies a plugin always gets from the host.</summary>
    public static readonly IReadOnlySet<string> Shared = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "MachActors.Actors", "MachActors.Hardware", "MachActors.Kernel", "MachActors.Pagers",
    };

    private readonly AssemblyDependencyResolver _resolver;

    /// <summary>A context for the plugin at <paramref name="assemblyPath"/> (a full path).</summary>
    public PagerLoadContext(string assemblyPath) : base("pager:" + Path.GetFileName(assemblyPath), isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
    }

    /// <summary>Shared assemblies and the framework: the host's (null); other dependencies: the plugin's own copy, when it has one.</summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && Shared.Contains(name)) return null;
        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>Native libraries of the plugin, from its own folder.</summary>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
