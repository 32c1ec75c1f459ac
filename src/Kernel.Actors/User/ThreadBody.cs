namespace MachActors.Kernel.User;

/// <summary>
/// A thread's program: an async method that awaits only the machine's trap API on
/// <paramref name="env"/> (and its own async helpers). Its result is the thread's exit value, what
/// cthread_join returns.
/// </summary>
/// <param name="env">The calling thread's view of the machine.</param>
public delegate Task<object?> ThreadBody(MachEnv env);
