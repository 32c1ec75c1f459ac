using MachActors.Actors;
using MachActors.Exploration;
using MachActors.Exploration.Monitors;

namespace MachActors.Tests.Unit.Exploration;

/// <summary>Every register value must be the number of increments so far; hot until all are in (liveness).</summary>
public sealed class RegisterMonitor(int clients) : SpecMonitor
{
    private int _writes;

    /// <summary>Starts hot: increments are pending.</summary>
    public RegisterMonitor Start()
    {
        Hot($"{clients} increments pending");
        return this;
    }

    /// <inheritdoc />
    protected override void OnNotify(int notifier, object specificationEvent)
    {
        if (specificationEvent is not ToyValue v) return;
        _writes++;
        Assert(v.Value == _writes, $"lost update: write {_writes} left the register at {v.Value}");
        if (_writes == clients) Cold();
    }
}

/// <summary>Two (or more) clients increment one register, racy or by compare-and-set.</summary>
public sealed class RegisterScenario(bool racy, int clients = 2) : Scenario
{
    /// <inheritdoc />
    public override string Name => racy ? "toy-racy-register" : "toy-cas-register";

    /// <inheritdoc />
    public override string Description => $"{clients} clients increment a register ({(racy ? "read then write" : "compare-and-set")})";

    /// <inheritdoc />
    public override void Setup(ScenarioContext context)
    {
        context.AddMonitor(new RegisterMonitor(clients).Start());
        var register = context.System.Spawn(Props.Create<ToyRegister>(), "register");
        for (var i = 0; i < clients; i++) context.System.Spawn(Props.Create(() => new ToyIncrementer(register, !racy)), "client-" + i);
    }
}

/// <summary>Two pingers forever; a monitor is hot throughout (it waits for a "done" that never comes).</summary>
public sealed class LivelockScenario : Scenario
{
    /// <inheritdoc />
    public override string Name => "toy-livelock";

    /// <inheritdoc />
    public override string Description => "two actors ping each other forever while an obligation is pending";

    /// <inheritdoc />
    public override void Setup(ScenarioContext context)
    {
        context.AddMonitor(new PendingMonitor("done never comes"));
        var a = context.System.Spawn(Props.Create<ToyPinger>(), "a");
        var b = context.System.Spawn(Props.Create<ToyPinger>(), "b");
        a.Tell((b, true));
        b.Tell((a, false));
    }
}

/// <summary>Hot from the start and forever.</summary>
public sealed class PendingMonitor : SpecMonitor
{
    /// <summary>Hot with <paramref name="reason"/>.</summary>
    public PendingMonitor(string reason) => Hot(reason);
}

/// <summary>Nothing ever happens, but the scenario says work is blocked.</summary>
/// <param name="blocked">The blocked work's description (null: nothing blocked, the run just ends).</param>
public sealed class StuckScenario(string? blocked) : Scenario
{
    /// <inheritdoc />
    public override string Name => "toy-stuck";

    /// <inheritdoc />
    public override string Description => "an actor waits for a message nobody sends";

    /// <inheritdoc />
    public override void Setup(ScenarioContext context)
    {
        context.System.Spawn(Props.Create<ToyRegister>(), "waiter");
        context.Blocked = () => blocked;
    }
}

/// <summary>Two senders race to one actor that fails when "b" arrives first.</summary>
public sealed class OrderScenario : Scenario
{
    /// <inheritdoc />
    public override string Name => "toy-order";

    /// <inheritdoc />
    public override string Description => "\"a\" and \"b\" race to an actor that throws on b before a";

    /// <inheritdoc />
    public override void Setup(ScenarioContext context)
    {
        var target = context.System.Spawn(Props.Create<ToyOrderSensitive>(), "target");
        context.System.Spawn(Props.Create(() => new ToySender(target, "a")), "send-a");
        context.System.Spawn(Props.Create(() => new ToySender(target, "b")), "send-b");
    }
}
