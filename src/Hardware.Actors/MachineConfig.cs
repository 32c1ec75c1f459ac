using System.Globalization;
using MachActors.Actors.Timing;
using MachActors.Hardware.Device;

namespace MachActors.Hardware;

/// <summary>
/// The simulated machine's shape: processors, clock, memory, devices. Immutable; <see cref="Validate"/>
/// lists every problem so that a host can report them all at once.
/// </summary>
public sealed record MachineConfig
{
    /// <summary>Number of processors. Default 2.</summary>
    public int CpuCount { get; init; } = 2;

    /// <summary>Processor clock rate in Hz. Default 25 MHz (a period-plausible Mach 3 machine; one cycle = 40 ns).</summary>
    public long ClockHz { get; init; } = 25_000_000;

    /// <summary>Cycles between two hardware clock interrupts. Default 250,000 (a 10 ms tick, hz = 100).</summary>
    public long CyclesPerTick { get; init; } = 250_000;

    /// <summary>Cycles a trap into the kernel costs the trapping thread. Default 100.</summary>
    public long TrapCycles { get; init; } = 100;

    /// <summary>Page size in bytes (a power of two). Default 4096. Used by the VM system.</summary>
    public int PageSize { get; init; } = 4096;

    /// <summary>Physical page frames. Default 1024 (4 MiB). Used by the VM system.</summary>
    public int FrameCount { get; init; } = 1024;

    /// <summary>Disks, created at boot and reachable by their names. Default none.</summary>
    public IReadOnlyList<DiskConfig> Disks { get; init; } = [];

    /// <summary>
    /// The name of the configured disk the default pager keeps swap on (the whole disk); null (the
    /// default): no swap, no paging daemon, and anonymous memory is limited to the physical frames.
    /// </summary>
    public string? SwapDisk { get; init; }

    /// <summary>Test-only: bugs seeded on purpose (<see cref="Hardware.SeededBugs"/>); none by default.</summary>
    internal SeededBugs SeededBugs { get; init; }

    /// <summary>The console, created at boot and reachable by its name; null (the default): no console.</summary>
    public ConsoleConfig? Console { get; init; }

    /// <summary>
    /// How long, in virtual time, a page fault waits for a pager (an answer to data_request, or ready
    /// after init) before it fails with a memory error (docs/VM.md rule 4). Default 30 s; must be positive.
    /// </summary>
    public Duration PagerTimeout { get; init; } = Duration.FromSeconds(30);

    /// <summary>The interval between clock interrupts.</summary>
    public Duration TickPeriod => CyclesToDuration(CyclesPerTick);

    /// <summary>Clock interrupts per second of virtual time (Mach's hz).</summary>
    public double TicksPerSecond => (double)ClockHz / CyclesPerTick;

    /// <summary>The time <paramref name="cycles"/> take, rounded up to whole nanoseconds.</summary>
    public Duration CyclesToDuration(long cycles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        var ns = (Int128)cycles * 1_000_000_000 + (ClockHz - 1);
        return Duration.FromNanoseconds((long)(ns / ClockHz));
    }

    /// <summary>The whole cycles that fit in <paramref name="duration"/>.</summary>
    public long DurationToCycles(Duration duration) =>
        duration.Nanoseconds <= 0 ? 0 : (long)((Int128)duration.Nanoseconds * ClockHz / 1_000_000_000);

    /// <summary>Every problem with this configuration, in words; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        if (CpuCount is < 1 or > 64) problems.Add(string.Create(inv, $"CPU count must be between 1 and 64, not {CpuCount}"));
        if (ClockHz < 1_000) problems.Add(string.Create(inv, $"clock rate must be at least 1 kHz, not {ClockHz} Hz"));
        if (CyclesPerTick < 1) problems.Add(string.Create(inv, $"cycles per tick must be positive, not {CyclesPerTick}"));
        else if (ClockHz >= 1_000 && CyclesToDuration(CyclesPerTick) < Duration.FromMicroseconds(10))
        {
            problems.Add(string.Create(inv, $"a tick of {CyclesPerTick} cycles at {ClockHz} Hz is shorter than 10 us"));
        }
        if (TrapCycles < 0) problems.Add(string.Create(inv, $"trap cycles must not be negative, not {TrapCycles}"));
        if (PageSize < 512 || (PageSize & (PageSize - 1)) != 0) problems.Add(string.Create(inv, $"page size must be a power of two of at least 512, not {PageSize}"));
        if (FrameCount < 1) problems.Add(string.Create(inv, $"frame count must be positive, not {FrameCount}"));
        if (PagerTimeout <= Duration.Zero) problems.Add($"pager timeout must be positive, not {PagerTimeout}");
        ValidateDevices(problems);
        return problems;
    }

    private void ValidateDevices(List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var devices = Disks.Select(d => (Kind: "disk", d.Name)).Concat(Console is { } c ? [("console", c.Name)] : []);
        foreach (var (kind, name) in devices)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 127 || name.Contains('/') || name.StartsWith('$'))
            {
                problems.Add($"{kind} name '{name}' must be 1-127 characters, without '/' and not starting with '$'");
            }
            else if (name is "clock" or "host" or "device-master" || (name.StartsWith("cpu", StringComparison.Ordinal) && name.Length > 3 && name[3..].All(char.IsAsciiDigit)))
            {
                problems.Add($"{kind} name '{name}' is taken by the machine (clock, host, device-master, cpuN)");
            }
            else if (!names.Add(name))
            {
                problems.Add($"device name '{name}' is used twice");
            }
        }
        if (SwapDisk is { } swap)
        {
            var disk = Disks.FirstOrDefault(d => d.Name == swap);
            if (disk is null) problems.Add($"swap disk '{swap}' is not a configured disk");
            else if (disk.ReadOnly) problems.Add($"swap disk '{swap}' must not be read-only");
        }
        foreach (var disk in Disks)
        {
            problems.AddRange(disk.Geometry.Validate().Select(p => $"disk {disk.Name}: {p}"));
        }
        if (Console is { } console && console.ByteTime < Duration.Zero)
        {
            problems.Add($"console {console.Name}: byte time must not be negative, not {console.ByteTime}");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem, if any.</summary>
    public MachineConfig Validated()
    {
        var problems = Validate();
        return problems.Count == 0 ? this : throw new ArgumentException("invalid machine configuration: " + string.Join("; ", problems));
    }
}
