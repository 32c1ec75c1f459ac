using MachActors.Kernel.User;

namespace MachActors.Kernel.Programs;

/// <summary>
/// A program a task can be started with, by name: an async method over its main thread's
/// <see cref="MachEnv"/> that awaits only the machine's trap API.
/// </summary>
/// <param name="env">The main thread's view of the machine.</param>
/// <param name="args">The arguments it was started with.</param>
public delegate Task MachProgram(MachEnv env, IReadOnlyList<string> args);
