using System.Reflection;

namespace MachActors.Host.Commands;

/// <summary>The version of the machactors assembly, as --version prints it.</summary>
internal static class VersionInfo
{
    /// <summary>
    /// The informational version without build metadata (the "+commit" suffix the SDK appends), e.g.
    /// "0.1.0"; the assembly version when there is no informational version.
    /// </summary>
    public static string Text { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(VersionInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }
        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
