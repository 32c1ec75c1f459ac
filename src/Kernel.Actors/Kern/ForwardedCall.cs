namespace MachActors.Kernel.Kern;

/// <summary>A call one kernel object passes to another, with the original caller's reply address.</summary>
/// <param name="Request">The call.</param>
/// <param name="Reply">Where the answer goes.</param>
public sealed record ForwardedCall(object Request, CallerReply Reply);
