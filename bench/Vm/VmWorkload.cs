using System.Buffers.Binary;
using System.Globalization;
using MachActors.Actors;
using MachActors.Actors.Dispatch;
using MachActors.Actors.Timing;
using MachActors.Actors.Tracing;
using MachActors.Hardware;
using MachActors.Hardware.Device;
using MachActors.Kernel;
using MachActors.Kernel.Programs;
using MachActors.Kernel.User;
using MachActors.Pagers.Default;

namespace MachActors.Bench.Vm;

/// <summary>What the program of a <see cref="VmWorkload"/> does.</summary>
public enum VmKind
{
    /// <summary>Reads the first 8 bytes of each of N fresh anonymous pages (each a zero-fill fault served in the kernel); enough frames, no paging.</summary>
    ZeroFill,

    /// <summary>Set-up (not measured): writes a stamp to N pages, more than the frames, and reads enough other pages to push every one of them out to swap. Measured: reads the N stamps back, each page a fault served by the default pager (pagein).</summary>
    PagerFaults,

    /// <summary>Writes a stamp to N fresh pages, more than the frames: the paging daemon pushes dirty pages out to swap through the default pager (one operation = one pageout).</summary>
    Pageouts,
}

/// <summary>
/// One deterministic run of a program that faults on anonymous memory, on a 1-CPU machine with a
/// swap disk and the default pager (<see cref="DefaultPagerBoot"/>), on the controlled dispatcher
/// (seed <see cref="Seed"/>, decision recording on, as in real use).
/// <see cref="Prepare"/> (not measured) creates the actor system, boots the machine and starts
/// the task; for <see cref="VmKind.PagerFaults"/> it also runs the set-up phase to the point where
/// every written page is on the swap disk and the disk is idle, while the program waits at a gate.
/// <see cref="Run"/> (measured) opens the gate and runs until the thread ends.
/// <see cref="Verify"/> (not measured) checks the run exactly: the machine's VM counters of the
/// measured part (faults, zero fills, pageins, pageouts), the program's own data checks, no fault,
/// no actor failure, and the same step count as the first run (determinism).
/// </summary>
public sealed class VmWorkload : MachineBenchWorkload
{
    /// <summary>The disk every machine pages to.</summary>
    public const string SwapDisk = "swap";

    private const string ProgramName = "vm";
    private const long CyclesPerMs = 25_000;

    private Progress _progress = new();
    private VmCounts _before = new(0, 0, 0, 0, 0, 0);

    /// <summary>A workload of <paramref name="pages"/> pages on a machine of <paramref name="frames"/> frames.</summary>
    /// <param name="kind">What the program does.</param>
    /// <param name="pages">Pages written or touched in the measured part.</param>
    /// <param name="frames">Physical frames of the machine.</param>
    /// <param name="pushPages">For <see cref="VmKind.PagerFaults"/>: pages read (zero fill, clean) after the writes to push them out.</param>
    /// <param name="expectedPageouts">For <see cref="VmKind.Pageouts"/>: the exact pageouts of a correct run (the benchmark's operation count).</param>
    public VmWorkload(VmKind kind, int pages, int frames, int pushPages = 0, long expectedPageouts = 0)
    {
        Kind = kind;
        Pages = pages;
        Frames = frames;
        PushPages = pushPages;
        ExpectedPageouts = expectedPageouts;
    }

    public VmKind Kind { get; }

    public int Pages { get; }

    public int Frames { get; }

    public int PushPages { get; }

    public long ExpectedPageouts { get; }

    /// <summary>The benchmark's operation count: faults for the fault workloads, pageouts for <see cref="VmKind.Pageouts"/>.</summary>
    public long Operations => Kind == VmKind.Pageouts ? ExpectedPageouts : Pages;

    /// <summary>Virtual time the measured part took, set by <see cref="Verify"/>.</summary>
    public Duration VirtualElapsed { get; private set; }

    /// <summary>The VM counters of the last measured part (differences), set by <see cref="Verify"/>.</summary>
    public VmCounts Measured { get; private set; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The VM counters at the end of the last set-up (<see cref="VmKind.PagerFaults"/> only; zeros otherwise).</summary>
    public VmCounts SetUp => _before;

    private VirtualTime _startedAt;

    /// <summary>The machine: <see cref="Frames"/> frames of 4 KiB, one CPU, a swap disk of default geometry with room for every page.</summary>
    public MachineConfig Config()
    {
        var pageBlocks = 4096 / 512;
        return new MachineConfig
        {
            CpuCount = 1,
            FrameCount = Frames,
            Disks = [new DiskConfig { Name = SwapDisk, Geometry = new DiskGeometry { BlockCount = (long)(Pages + PushPages + 64) * pageBlocks } }],
            SwapDisk = SwapDisk,
        };
    }

    /// <summary>Creates a fresh controlled actor system, boots the machine and starts the task; runs the set-up phase of <see cref="VmKind.PagerFaults"/>. <paramref name="trace"/> for the step report only.</summary>
    public void Prepare(ITraceSink? trace = null, Action? measuredStarts = null)
    {
        var system = NewSystem("vbench", trace);
        var progress = _progress = new Progress();
        var (kind, pages, push) = (Kind, Pages, PushPages);
        var programs = new ProgramRegistry().Register(ProgramName, (env, _) => Program(env, kind, pages, push, progress));
        var machine = Booted = Machine.Boot(system, Config(), programs, null, DefaultPagerBoot.Create);
        machine.StartTask(ProgramName, name: "vm");
        _before = new VmCounts(0, 0, 0, 0, 0, 0);
        if (Kind == VmKind.PagerFaults)
        {
            var result = system.RunUntil(() => progress.AtGate, Duration.FromSeconds(3_600));
            if (result.Outcome != RunOutcome.ConditionMet) throw new InvalidOperationException($"{this}: set-up did not reach the gate: {result}");
            var disk = machine.Devices[SwapDisk];
            for (var i = 0; ; i++)
            {
                var stats = disk.Ask<DiskStats>(GetDiskStats.Instance).GetAwaiter().GetResult();
                var inFlight = stats.Requests - stats.Reads - stats.Writes;
                if (inFlight == 0 && stats.Writes == machine.Status.Vm.Pageouts) break;
                if (i > 100_000) throw new InvalidOperationException($"{this}: the swap disk did not settle: {stats}");
                system.RunFor(Duration.FromMilliseconds(100));
            }
            _before = machine.Status.Vm;
            if (_before.Pageouts != Pages || _before.ZeroFills != Pages + PushPages || _before.Pageins != 0)
            {
                throw new InvalidOperationException($"{this}: set-up should page out all {Pages} written pages: {_before}");
            }
        }
        measuredStarts?.Invoke();
        _startedAt = system.Now;
        StartMeasuring();
    }

    /// <inheritdoc />
    protected override void PrepareDefault() => Prepare();

    /// <summary>Opens the gate (if any) and runs until the program's thread ends; returns the steps.</summary>
    public override long Run()
    {
        var system = Prepared;
        _progress.Open = true;
        var result = Booted!.RunUntilThreadsEnd(Duration.FromSeconds(36_000), maxSteps: 1_000L * Pages + 100_000);
        if (result.Outcome != RunOutcome.ConditionMet) throw new InvalidOperationException($"{this}: the thread did not end: {result}");
        return MeasuredSteps;
    }

    private static async Task Program(MachEnv env, VmKind kind, int pages, int push, Progress progress)
    {
        var page = (ulong)env.Machine.PageSize;
        var (code, at) = await env.VmAllocate(env.TaskSelf, 0, (ulong)(pages + push) * page);
        if (code != KernReturn.Success) throw new InvalidOperationException($"vm_allocate: {code}");
        switch (kind)
        {
            case VmKind.ZeroFill:
                for (var i = 0; i < pages; i++) progress.CheckZero(await env.Mem.Read(at + ((ulong)i * page), 8), i);
                break;
            case VmKind.Pageouts:
                for (var i = 0; i < pages; i++) await env.Mem.Write(at + ((ulong)i * page), Stamp(i));
                progress.Done = pages;
                break;
            case VmKind.PagerFaults:
                for (var i = 0; i < pages; i++) await env.Mem.Write(at + ((ulong)i * page), Stamp(i));
                for (var i = 0; i < push; i++) progress.CheckZero(await env.Mem.Read(at + ((ulong)(pages + i) * page), 8), pages + i);
                progress.AtGate = true;
                while (!progress.Open) await env.Compute(CyclesPerMs);
                progress.Done = 0;
                for (var i = 0; i < pages; i++) progress.CheckStamp(await env.Mem.Read(at + ((ulong)i * page), 8), i);
                break;
        }
    }

    private static byte[] Stamp(int page)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 0x5A5A_0000_0000_0000UL | (uint)page);
        return bytes;
    }

    /// <summary>
    /// Throws unless the last run ended its thread without a fault or an actor failure, the
    /// program's data checks passed for every page, the VM counters of the measured part are
    /// exactly those of a correct run, and the run took as many steps as the first (determinism).
    /// </summary>
    protected override void Check()
    {
        var system = Prepared;
        var machine = Ran;
        VirtualElapsed = system.Now - _startedAt;
        CheckMachine(threads: 1);
        var status = machine.Status;
        if (_progress.Error is { } error) throw new InvalidOperationException($"{this}: {error}");
        if (_progress.Done != Pages) throw new InvalidOperationException($"{this}: the program checked {_progress.Done} pages, not {Pages}");
        var vm = status.Vm;
        Measured = new VmCounts(vm.Faults - _before.Faults, vm.ZeroFills - _before.ZeroFills, vm.Pageins - _before.Pageins, vm.Pageouts - _before.Pageouts, vm.FreeFrames, vm.MinFreeFrames);
        var (faults, zeroFills, pageins, pageouts) = Kind switch
        {
            VmKind.ZeroFill => ((long)Pages, Pages, 0L, 0L),
            VmKind.PagerFaults => ((long)Pages, 0, Pages, 0), // one fault per pagein: the object asks again itself
            _ => (Pages, Pages, 0, ExpectedPageouts),
        };
        if (Measured.Faults != faults || Measured.ZeroFills != zeroFills || Measured.Pageins != pageins || Measured.Pageouts != pageouts)
        {
            throw new InvalidOperationException(
                $"{this}: measured {Measured.Faults} faults, {Measured.ZeroFills} zero fills, {Measured.Pageins} pageins, {Measured.Pageouts} pageouts; expected {faults}, {zeroFills}, {pageins}, {pageouts}");
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind} x {Pages:N0} pages on {Frames:N0} frames");

    /// <summary>What the program saw (written by the program, read by the host between runs). The first error is kept.</summary>
    private sealed class Progress
    {
        public bool AtGate { get; set; }

        public bool Open { get; set; }

        public int Done { get; set; }

        public string? Error { get; private set; }

        public void CheckZero(byte[] read, int page)
        {
            if (read.Length != 8 || BinaryPrimitives.ReadUInt64LittleEndian(read) != 0) Error ??= $"page {page}: not zero-filled";
            else Done++;
        }

        public void CheckStamp(byte[] read, int page)
        {
            if (read.Length != 8 || BinaryPrimitives.ReadUInt64LittleEndian(read) != (0x5A5A_0000_0000_0000UL | (uint)page)) Error ??= $"page {page}: stamp lost";
            else Done++;
        }
    }
}
