using System.Buffers.Binary;
using System.Globalization;
using MachActors.Actors;
using MachActors.Kernel;
using MachActors.Kernel.User;
using MachActors.Pagers.Dsm;

namespace MachActors.Scenarios.Vm;

/// <summary>
/// Distributed shared memory (spec R15; docs/PAGERS.md, "The DSM pager"): a <see cref="DsmPager"/> serves one
/// segment to two nodes, each a memory object of its own (<see cref="DsmPager.KeyFor"/>), and a task per
/// node maps its node's object (one page). In each of <see cref="Rounds"/> rounds a task first writes its
/// own scratch word (both tasks at once: write ownership of the page moves between the nodes), then takes
/// its turn (a handshake outside the memory) to increment the shared counter (read, then write: a read
/// fault, then a data_unlock) and passes the turn. At the end each reads the page. Checks: the pager's
/// <see cref="CoherenceAudit"/> saw no copy granted against read-many / write-one, both tasks read the
/// counter as 2 x <see cref="Rounds"/> and each scratch word as <see cref="Rounds"/>, no fault.
/// </summary>
public class DsmCounterScenario : MachineScenario
{
    /// <summary>Increments per task.</summary>
    public const int Rounds = 2;

    /// <summary>The segment the two nodes share.</summary>
    public const long Segment = 1;

    /// <summary>Offset in the page of task N's scratch word: <see cref="ScratchAt"/> + 4N.</summary>
    public const int ScratchAt = 64;

    /// <summary>CPU cycles between two looks at the turn.</summary>
    public const long PollCycles = 500;

    /// <inheritdoc />
    public override string Name => "vm-dsm-counter";

    /// <inheritdoc />
    public override string Description => "a DSM pager keeps one segment coherent between two nodes (two memory objects); their tasks write a page at once and take turns incrementing a counter in it";

    /// <summary>The name node <paramref name="node"/>'s memory object is published under.</summary>
    public static string NodeName(int node) => string.Create(CultureInfo.InvariantCulture, $"dsm-node-{node}");

    /// <summary>The pager (a seeded-bug variant overrides it).</summary>
    /// <param name="pageSize">The page size.</param>
    /// <param name="audit">The audit the check reads.</param>
    protected virtual DsmPager NewPager(int pageSize, CoherenceAudit audit) => new(pageSize, audit);

    /// <inheritdoc />
    protected override Func<string?>? Build(MachineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var size = run.PageSize;
        var audit = new CoherenceAudit();
        var pager = run.Machine.StartPager(Props.Create(() => NewPager(size, audit)));
        for (var node = 0; node < 2; node++)
        {
            var code = run.Machine.PublishPort(NodeName(node), run.Machine.CreateMemoryObject(pager, DsmPager.KeyFor(Segment, node)));
            if (code != Kernel.Mig.Interfaces.NetnameReturn.Success) throw new InvalidOperationException($"publishing node {node} failed: {code}");
        }
        var turn = 0;
        var finished = new bool[2];
        var seen = new byte[]?[2];
        for (var who = 0; who < 2; who++)
        {
            var me = who;
            run.Start("node" + me, async env =>
            {
                var at = await MapNode(env, me);
                if (at == 0) return;
                for (var r = 1; r <= Rounds; r++)
                {
                    await env.Mem.Write(at + (ulong)(ScratchAt + (4 * me)), Word(r));
                    while (turn != me) await env.Compute(PollCycles);
                    var counter = BinaryPrimitives.ReadInt32LittleEndian(await env.Mem.Read(at, 4));
                    await env.Mem.Write(at, Word(counter + 1));
                    turn = 1 - me;
                }
                finished[me] = true;
                while (!finished[1 - me]) await env.Compute(PollCycles);
                seen[me] = await env.Mem.Read(at, ScratchAt + 8);
            });
        }
        return () => Check(run, audit, seen);
    }

    private static string? Check(MachineRun run, CoherenceAudit audit, byte[]?[] seen)
    {
        if (audit.Violations > 0) return $"coherence violation: {audit.First}";
        for (var me = 0; me < 2; me++)
        {
            if (seen[me] is not { } bytes) return $"node {me}'s task did not finish";
            var counter = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            if (counter != 2 * Rounds) return $"node {me} reads the counter as {counter}, expected {2 * Rounds} (a lost update)";
            for (var who = 0; who < 2; who++)
            {
                var scratch = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(ScratchAt + (4 * who)));
                if (scratch != Rounds) return $"node {me} reads node {who}'s scratch word as {scratch}, expected {Rounds} (a lost write)";
            }
        }
        return NoFault(run);
    }

    private static byte[] Word(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>In a program: maps one page of node <paramref name="node"/>'s memory object; the address, or 0 when it failed.</summary>
    private static async Task<ulong> MapNode(MachEnv env, int node)
    {
        var (found, port) = await env.NetnameLookUp(await env.NameServer(), NodeName(node));
        if (found != Kernel.Mig.Interfaces.NetnameReturn.Success) return 0;
        var (code, at) = await env.VmMap(env.TaskSelf, 0, (ulong)env.Machine.PageSize, 0, true, port, 0, false);
        return code == KernReturn.Success ? at : 0;
    }
}
