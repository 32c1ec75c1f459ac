namespace MachActors.Kernel.Programs;

/// <summary>Programs by name, so that a task can be started by name (host code, the CLI, later exec).</summary>
public sealed class ProgramRegistry
{
    private readonly Dictionary<string, (MachProgram Program, string Description)> _programs = new(StringComparer.Ordinal);

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _programs.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Registers <paramref name="program"/> as <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or taken.</exception>
    public ProgramRegistry Register(string name, MachProgram program, string description = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(program);
        if (!_programs.TryAdd(name, (program, description))) throw new ArgumentException($"a program named '{name}' is already registered", nameof(name));
        return this;
    }

    /// <summary>The program named <paramref name="name"/>, or null.</summary>
    public MachProgram? Find(string name) => _programs.TryGetValue(name, out var p) ? p.Program : null;

    /// <summary>The description given at registration.</summary>
    public string DescriptionOf(string name) => _programs.TryGetValue(name, out var p) ? p.Description : "";
}
