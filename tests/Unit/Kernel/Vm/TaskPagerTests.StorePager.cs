using System.Collections.Concurrent;
using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Mig.Interfaces;
using MachActors.Kernel.User;
using MachActors.Kernel.Vm;

namespace MachActors.Tests.Unit.Kernel.Vm;

/// <summary>The test pager of <see cref="TaskPagerTests"/>.</summary>
public sealed partial class TaskPagerTests
{
    /// <summary>A pager task's store: pages start as <see cref="Pattern"/>, data_return keeps what comes back.</summary>
    private sealed class StorePager(int pageSize) : ITaskPager
    {
        public MemoryObjectControlClient Control { get; set; } = null!;

        public ConcurrentDictionary<long, byte[]> Pages { get; } = new();

        public ConcurrentQueue<string> Log { get; } = new();

        public bool Silent { get; init; }

        /// <summary>When set (with <see cref="Env"/>), data_return and terminate log whether their control name is init's and its rights.</summary>
        public bool CheckControl { get; init; }

        /// <summary>When set, data_supply names this reply_to port (its reply_to form).</summary>
        public PortName ReplyPort { get; set; }

        /// <summary>The control port init gave.</summary>
        public PortName LastControl { get; private set; }

        /// <summary>How many pages each data_request is answered with (one data_supply).</summary>
        public int SupplyPages { get; init; } = 1;

        /// <summary>The first data_request is answered with a torn supply and a message of an unknown id before the good supply (needs <see cref="Env"/>).</summary>
        public bool HostileFirst { get; set; }

        /// <summary>When set, data_request logs the control name's send urefs.</summary>
        public MachEnv? Env { get; set; }

        public async Task Init(PortName control, long key, int size)
        {
            Log.Enqueue($"init {key}");
            LastControl = control;
            await Control.MemoryObjectReadyAsync(control, false, VmCopyStrategy.Delay);
        }

        public async Task DataRequest(PortName control, long offset, long length, VmProt access)
        {
            Log.Enqueue($"request {offset}");
            if (Env is { } env) Log.Enqueue($"control refs {(await env.PortGetRefs(control, PortRight.Send)).Value}");
            if (Silent) return;
            if (HostileFirst && Env is { } hostile)
            {
                HostileFirst = false;
                var torn = ImmutableArray.Create(new byte[pageSize + 1]); // not whole pages: dropped
                Log.Enqueue($"bad supply {await Control.MemoryObjectDataSupplyAsync(control, offset, torn, VmProt.None, false, false)}");
                var unknown = new MachMessage(new MsgHeader(control, MsgType.CopySend, PortName.Null, MsgType.None, 2099), [new MsgItem.Int32(1)]);
                Log.Enqueue($"unknown id {(await hostile.Send(unknown)).Return}");
            }
            var pages = Enumerable.Range(0, SupplyPages).Select(i => offset + i * pageSize);
            var data = pages.SelectMany(at => Pages.TryGetValue(at, out var kept) ? kept : Pattern(at, pageSize)).ToArray();
            if (ReplyPort != PortName.Null) await Control.MemoryObjectDataSupplyToAsync(control, offset, ImmutableArray.Create(data), VmProt.None, false, ReplyPort);
            else await Control.MemoryObjectDataSupplyAsync(control, offset, ImmutableArray.Create(data), VmProt.None, false, false);
        }

        public async Task DataReturn(PortName control, long offset, ImmutableArray<byte> data, bool dirty)
        {
            Log.Enqueue($"return {offset}{(dirty ? " dirty" : "")}");
            Pages[offset] = [.. data];
            await LogControl("return", control);
        }

        private async Task LogControl(string call, PortName control)
        {
            if (!CheckControl || Env is not { } env) return;
            Log.Enqueue($"{call} control {(control == LastControl ? "init's" : "other")} {(await env.PortType(control)).Type}");
        }

        public Task Completed(PortName control, int id)
        {
            Log.Enqueue($"completed {id}");
            return Task.CompletedTask;
        }

        public async Task Terminate(PortName control)
        {
            Log.Enqueue("terminate");
            await LogControl("terminate", control);
        }
    }
}
