namespace MachActors.Tests.Coyote.StopRace;

/// <summary>Host -> worker: charge <paramref name="Amount"/> to the ledger.</summary>
public sealed record Charge(int Amount);

/// <summary>Worker -> ledger: an amount was charged.</summary>
public sealed record Charged(int Amount);

/// <summary>Host -> supervisor: stop the worker and close the ledger.</summary>
public sealed record Shutdown
{
    /// <summary>The one instance.</summary>
    public static readonly Shutdown Instance = new();
}

/// <summary>Supervisor -> ledger: no more charges may arrive.</summary>
public sealed record Close
{
    /// <summary>The one instance.</summary>
    public static readonly Close Instance = new();
}

/// <summary>Host -> supervisor: reply with the worker's ref.</summary>
public sealed record GetWorker
{
    /// <summary>The one instance.</summary>
    public static readonly GetWorker Instance = new();
}
