namespace MachActors.Tests.Coyote.ClockInterrupt;

/// <summary>Kernel -> CPU: take the current thread off the CPU. Reply: <see cref="Unloaded"/>.</summary>
public sealed record Unload
{
    /// <summary>The one instance.</summary>
    public static readonly Unload Instance = new();
}

/// <summary>CPU -> kernel: <paramref name="Thread"/> is off the CPU; the CPU has no thread now.</summary>
public sealed record Unloaded(string Thread);

/// <summary>Kernel -> CPU: run <paramref name="Thread"/>. Reply: <see cref="Loaded"/>.</summary>
public sealed record Load(string Thread);

/// <summary>CPU -> kernel: the thread is on the CPU.</summary>
public sealed record Loaded(string Thread);

/// <summary>The hardware clock's interrupt (the CPU's periodic timer).</summary>
public sealed record ClockTick
{
    /// <summary>The one instance.</summary>
    public static readonly ClockTick Instance = new();
}
