using MachActors.Kernel.Ipc;

namespace MachActors.Kernel.Mig;

/// <summary>
/// What a generated <c>Demux</c> did with one request (MIG's <c>_server(in, out)</c>).
/// </summary>
/// <param name="Handled">False when the id names no routine (<see cref="RetCode"/> is MIG_BAD_ID), as MIG's boolean.</param>
/// <param name="RetCode">
/// The routine's code. 0: done. MIG_NO_REPLY: the server kept the reply handle and answers later.
/// Any other code: the server did not consume the request's resources, and the caller (the server
/// loop) destroys them, except the reply right, which carries the error reply.
/// </param>
/// <param name="Reply">The reply to send through the request's reply right; null for a simpleroutine, a deferred reply or a request without a reply right.</param>
public readonly record struct MigDemuxResult(bool Handled, int RetCode, MachMessage? Reply);
