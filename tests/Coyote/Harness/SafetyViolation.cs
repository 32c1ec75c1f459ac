namespace MachActors.Tests.Coyote.Harness;

/// <summary>Thrown by an actor whose safety assertion fails; the harness reports the first one as the run's violation.</summary>
public sealed class SafetyViolation(string message) : Exception(message);
