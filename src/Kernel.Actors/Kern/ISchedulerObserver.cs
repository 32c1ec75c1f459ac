namespace MachActors.Kernel.Kern;

/// <summary>
/// Sees every dispatch decision, synchronously, inside the processor set's turn (a test or tracing
/// hook; under the parallel dispatcher it is called from several threads and must be thread-safe).
/// </summary>
public interface ISchedulerObserver
{
    /// <summary>A CPU was given a thread.</summary>
    void OnDispatch(DispatchRecord dispatch);
}
