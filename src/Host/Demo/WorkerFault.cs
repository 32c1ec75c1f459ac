namespace MachActors.Host.Demo;

/// <summary>The simulated fault a demo worker throws; its supervisor restarts it.</summary>
internal sealed class WorkerFault(string message) : Exception(message);
