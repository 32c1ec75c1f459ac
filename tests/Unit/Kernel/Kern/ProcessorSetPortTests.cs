using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>Processor sets by port and the scheduling calls through the KernelPortCall trap, from a program.</summary>
public sealed class ProcessorSetPortTests
{
    [Fact]
    public void SchedulingCalls_ByPortNames_MoveAndReportTheThread()
    {
        using var kit = new MachineKit(2);
        var log = new List<string>();
        ThreadHandle? worker = null;
        kit.Start(async env =>
        {
            var (created, set) = await env.ProcessorSetCreate(env.HostSelf, "extra");
            var (found, defaultSet) = await env.ProcessorSetDefault(env.HostSelf);
            log.Add($"sets {created} {found} {set != defaultSet}");
            log.Add($"cpu {await env.ProcessorAssign(env.HostSelf, 1, set)}");
            var (code, thread) = await env.ThreadCreate(env.TaskSelf, async e => { worker = e.Self; await e.Compute(1_000); return 7; }, "w");
            log.Add($"create {code} id {await env.ThreadId(thread) is not null}");
            log.Add($"policy {await env.ThreadPolicy(thread, SchedPolicy.FixedPriority, 20)}");
            log.Add($"assign {await env.ThreadAssign(thread, set)}");
            log.Add($"max {await env.ThreadMaxPriority(thread, set, 8)}");
            log.Add($"bad set {await env.ThreadAssign(thread, new PortName(0x7777))}");
            log.Add($"set is not a set {await env.ThreadAssign(thread, env.TaskSelf)}");
            log.Add($"resume {await env.ThreadResume(thread)}");
            log.Add($"join {(await env.CThreadJoin(thread)).Value}");
            log.Add($"task assign {await env.TaskAssign(env.TaskSelf, defaultSet)}");
        });

        kit.RunToEnd();

        Assert.Equal(["sets Success Success True", "cpu Success", "create Success id True", "policy Success", "assign Success", "max Success",
            "bad set InvalidName", "set is not a set InvalidArgument", "resume Success", "join 7", "task assign Success"], log);
        Assert.Equal(1, kit.Info(worker!).ProcessorSet);
        Assert.Equal(SchedPolicy.FixedPriority, kit.Info(worker!).Policy);
        Assert.Equal(8, kit.Info(worker!).MaxPriority);
        kit.AssertNoActorFailures();
    }
}
