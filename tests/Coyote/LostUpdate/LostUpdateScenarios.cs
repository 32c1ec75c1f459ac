using MachActors.Actors;

namespace MachActors.Tests.Coyote.LostUpdate;

/// <summary>
/// Two clients each increment a shared register once, concurrently. Safety: once the system is
/// quiescent the register holds 2. The final check asks the register (host-side Ask, part of the
/// recorded run).
/// </summary>
public static class LostUpdateScenarios
{
    /// <summary>How many clients increment the register.</summary>
    public const int Clients = 2;

    /// <summary>Clients that read, then blindly write: the seeded race.</summary>
    public static string? Racy(ActorSystem system) =>
        Run(system, register => Props.Create(() => new RacyIncrementer(register)));

    /// <summary>Clients that retry a compare-and-set: the correct protocol.</summary>
    public static string? WithCompareAndSet(ActorSystem system) =>
        Run(system, register => Props.Create(() => new CasIncrementer(register)));

    private static string? Run(ActorSystem system, Func<IActorRef, Props> client)
    {
        var register = system.Spawn(Props.Create<Register>(), "register");
        for (var i = 1; i <= Clients; i++) system.Spawn(client(register), "client-" + i);
        system.RunUntilQuiescent();
        var value = register.Ask<ReadResult>(Read.Instance).GetAwaiter().GetResult().Value;
        return value == Clients ? null : $"lost update: the register holds {value} after {Clients} increments";
    }
}
