using MachActors.Hardware.Execution;
using MachActors.Kernel;
using MachActors.Kernel.Ipc;
using MachActors.Kernel.Kern;
using MachActors.Kernel.Mig;

namespace MachActors.Tests.Unit.Kernel.Kern;

/// <summary>The exception delivery state machine alone, and the mapping of program failures.</summary>
public sealed class ExceptionDeliveryTests
{
    private static readonly PortRef ThreadPort = new(1, new FakeRef("thread-port"));
    private static readonly PortRef TaskPort = new(2, new FakeRef("task-port"));
    private static readonly PortRef ReplyPort = new(3, new FakeRef("reply-port"));
    private static readonly PortRef Handler = new(4, new FakeRef("handler"));
    private static readonly ExceptionPorts Ports = new(ThreadPort, TaskPort, ReplyPort);
    private static readonly RaiseException Breakpoint = new(new MachException(ExceptionType.Breakpoint, 1, 2));

    [Theory]
    [InlineData(typeof(DivideByZeroException), ExceptionType.Arithmetic, ExceptionCodes.Divide)]
    [InlineData(typeof(OverflowException), ExceptionType.Arithmetic, ExceptionCodes.Overflow)]
    [InlineData(typeof(NotFiniteNumberException), ExceptionType.Arithmetic, ExceptionCodes.OtherArithmetic)]
    [InlineData(typeof(ArithmeticException), ExceptionType.Arithmetic, ExceptionCodes.OtherArithmetic)]
    [InlineData(typeof(NullReferenceException), ExceptionType.BadAccess, ExceptionCodes.InvalidAddress)]
    [InlineData(typeof(IndexOutOfRangeException), ExceptionType.BadAccess, ExceptionCodes.InvalidAddress)]
    [InlineData(typeof(InvalidOperationException), ExceptionType.Software, ExceptionCodes.Threw)]
    [InlineData(typeof(NotSupportedException), ExceptionType.Software, ExceptionCodes.Threw)]
    [InlineData(typeof(TaskCanceledException), ExceptionType.Software, ExceptionCodes.Cancelled)]
    public void FromProgram_ExceptionType_MapsToMachException(Type thrown, ExceptionType type, int code)
    {
        var error = (Exception)Activator.CreateInstance(thrown)!;

        Assert.Equal(new MachException(type, code, 0), MachException.FromProgram(error));
    }

    [Fact]
    public void FromProgram_BrokenTrapRule_BadInstruction() =>
        Assert.Equal(new MachException(ExceptionType.BadInstruction, ExceptionCodes.IllegalTrap, 0), MachException.FromProgram(new ProgramFaultException("x")));

    [Fact]
    public void Raise_ThreadPortSet_CountsEveryRightBeforeTheMessage()
    {
        var delivery = new ExceptionDelivery();
        var effects = new List<IpcEffect>();

        var step = delivery.Raise(Breakpoint, default, Channel(), CarriedRight.Send(Handler), Ports, effects);

        Assert.IsType<ExceptionStep.None>(step);
        var tells = effects.Cast<IpcEffect.Tell>().ToList();
        Assert.Equal(new PortRightsChanged(1, 0, 0), tells[0].Message);
        Assert.Equal(Handler.Actor, tells[0].To);
        Assert.Equal(new PortRightsChanged(1, 0, 1), tells[1].Message);
        Assert.Equal(new PortRightsChanged(1, 0, 1), tells[2].Message);
        Assert.Equal(new PortRightsChanged(0, 1, 0), tells[3].Message);
        var message = Assert.IsType<PortEnqueue>(tells[4].Message).Message;
        Assert.Equal(5, tells.Count);
        Assert.Equal((Handler, MsgType.PortSend, 2400), (message.Destination, message.DestinationRight, message.Id));
        Assert.Equal(CarriedRight.SendOnce(ReplyPort), message.Reply);
        Assert.Equal([CarriedRight.SendOnce(ReplyPort), CarriedRight.Send(ThreadPort), CarriedRight.Send(TaskPort)], message.CarriedRights());
    }

    [Fact]
    public void Replied_FailureAtThreadThenNoTaskPort_GivesUpWithBothAttempts()
    {
        var delivery = new ExceptionDelivery();
        var channel = Channel();
        delivery.Raise(Breakpoint, default, channel, CarriedRight.Send(Handler), Ports, []);

        var ask = Assert.IsType<ExceptionStep.AskTask>(delivery.Replied((int)KernReturn.Failure));
        var giveUp = Assert.IsType<ExceptionStep.GiveUp>(delivery.TaskPortArrived(new TaskExceptionPort(ask.Token, CarriedRight.Null, false), []));

        Assert.Same(channel, ask.Token);
        Assert.Equal(Breakpoint.Exception, giveUp.Exception);
        Assert.Equal([new ExceptionAttempt(ExceptionLevel.Thread, true, 5), new ExceptionAttempt(ExceptionLevel.Task, false, 0)], giveUp.Tried.ToList());
        Assert.False(delivery.Waiting);
    }

    [Fact]
    public void Replied_SuccessAtTaskLevel_ResumesWithSuccess()
    {
        var delivery = new ExceptionDelivery();
        var channel = Channel();
        var ask = Assert.IsType<ExceptionStep.AskTask>(delivery.Raise(Breakpoint, default, channel, CarriedRight.Null, Ports, []));
        var effects = new List<IpcEffect>();
        delivery.TaskPortArrived(new TaskExceptionPort(ask.Token, CarriedRight.Send(Handler), false), effects);

        var resume = Assert.IsType<ExceptionStep.Resume>(delivery.Replied(0));

        Assert.Equal(4, effects.Count); // the task counted the destination copy: no fifth tell
        Assert.Equal((KernReturn.Success, false), (resume.Result, resume.DiscardReplyPort));
        Assert.Same(channel, resume.Channel);
    }

    [Fact]
    public void TaskPortArrived_ForAWaitThatIsOver_ReleasesTheCopy()
    {
        var delivery = new ExceptionDelivery();
        var channel = Channel();
        delivery.Raise(Breakpoint, default, channel, CarriedRight.Null, Ports, []);
        delivery.Cancel(channel, aborted: false);
        var effects = new List<IpcEffect>();

        var step = delivery.TaskPortArrived(new TaskExceptionPort(channel, CarriedRight.Send(Handler), false), effects);

        Assert.IsType<ExceptionStep.None>(step);
        Assert.Equal(new PortRightsChanged(-1, 0, 0), Assert.IsType<IpcEffect.Tell>(Assert.Single(effects)).Message);
    }

    [Fact]
    public void Cancel_Aborted_ResumesWithAbortedAndDiscardsTheReplyPort()
    {
        var delivery = new ExceptionDelivery();
        var channel = Channel();
        delivery.Raise(Breakpoint, default, channel, CarriedRight.Send(Handler), Ports, []);

        var resume = Assert.IsType<ExceptionStep.Resume>(delivery.Cancel(channel, aborted: true));

        Assert.Equal((KernReturn.Aborted, true), (resume.Result, resume.DiscardReplyPort));
        Assert.IsType<ExceptionStep.None>(delivery.Replied(0)); // a late reply changes nothing
    }

    [Fact]
    public void Replied_MalformedAtTaskLevel_GivesUpWithTheMigCode()
    {
        var delivery = new ExceptionDelivery();
        var ask = (ExceptionStep.AskTask)delivery.Raise(Breakpoint, default, Channel(), CarriedRight.Null, Ports, []);
        delivery.TaskPortArrived(new TaskExceptionPort(ask.Token, CarriedRight.Send(Handler), false), []);

        var giveUp = Assert.IsType<ExceptionStep.GiveUp>(delivery.Replied((int)MigReturn.ReplyMismatch));

        Assert.Equal(new ExceptionAttempt(ExceptionLevel.Task, true, (int)MigReturn.ReplyMismatch), giveUp.Tried[^1]);
    }

    private static WaitChannel Channel() => new(new FakeRef("thread"), "exception");
}
