using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.User;

namespace MachActors.Scenarios.Ipc;

/// <summary>Program steps the IPC scenarios share.</summary>
public static class IpcPrograms
{
    /// <summary>
    /// In a program: a new port with a send right here, and a new task (task_create) that holds its
    /// receive right as <paramref name="nameThere"/> (insert_right, MOVE_RECEIVE). Returns the first
    /// failure's code (Success when all went well), the send right's name and the task's port.
    /// </summary>
    public static async Task<(KernReturn Code, PortName Port, PortName Task)> ReceiveRightInNewTask(MachEnv env, string taskName, PortName nameThere)
    {
        ArgumentNullException.ThrowIfNull(env);
        var port = await env.MachReplyPort();
        await env.PortInsertRight(port, port, MsgType.MakeSend);
        var (created, task) = await env.TaskCreate(env.TaskSelf, taskName);
        var code = created == KernReturn.Success ? (await env.PortInsertRight(task, nameThere, port, MsgType.MoveReceive)).Result : created;
        return (code, port, task);
    }
}
