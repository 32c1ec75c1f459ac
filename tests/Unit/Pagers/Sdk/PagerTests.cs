using System.Collections.Immutable;
using MachActors.Kernel;
using MachActors.Kernel.Vm;
using MachActors.Pagers.Sdk;

namespace MachActors.Tests.Unit.Pagers.Sdk;

/// <summary>
/// The SDK's base class by itself: the test actor plays the VM object (its control port) and a second
/// probe receives what the pager's handlers saw.
/// </summary>
public sealed class PagerTests : global::MachActors.Actors.TestKit.TestKit
{
    private const int PageSize = 64;

    private ControlIncarnation Control => new(TestActor, 1);

    private ControlIncarnation Other => new(TestActor, 2);

    private (IActorRef Pager, TestProbe Seen) Start(bool mayCache = false)
    {
        var seen = CreateTestProbe("seen");
        return (Spawn(Props.Create(() => new RecordingPager(PageSize, seen.Ref, mayCache))), seen);
    }

    private void Init(IActorRef pager, ControlIncarnation control, long key = 5)
    {
        Probe.Send(pager, new MemoryObjectInit(0, control, 9, PageSize, key));
        ExpectMsg<Ready>();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Init_ByDefault_AnswersReadyWithTheAttributesTheAuthorChose(bool mayCache)
    {
        var (pager, seen) = Start(mayCache);

        Probe.Send(pager, new MemoryObjectInit(0, Control, 9, PageSize, 5));

        Assert.Equal(new Ready(Control, mayCache, VmCopyStrategy.Delay), ExpectMsg<Ready>());
        Assert.Equal("init 5", seen.ExpectMsg<string>());
    }

    [Fact]
    public void DataRequest_OnALiveIncarnation_ReachesTheHandlerWithTheObjectsKey()
    {
        var (pager, _) = Start();
        Init(pager, Control, key: 5);

        Probe.Send(pager, new DataRequest(1, Control, PageSize, PageSize, VmProt.Read));

        var supply = ExpectMsg<DataSupply>();
        Assert.Equal((Control, (long)PageSize, (byte)5), (supply.Control, supply.Offset, Assert.Single(supply.Pages)[0]));
    }

    [Fact]
    public void Messages_OnAControlNeverInitialisedOrTerminated_AreIgnoredAndCounted()
    {
        var (pager, seen) = Start();
        Init(pager, Control);
        seen.ExpectMsg<string>();
        Probe.Send(pager, new Terminate(1, Control, 9));
        Assert.Equal("terminate 5", seen.ExpectMsg<string>());

        Probe.Send(pager, new DataRequest(2, Control, 0, PageSize, VmProt.Read));
        Probe.Send(pager, new DataReturn(3, Other, 0, [.. new byte[PageSize]], true, false));
        Probe.Send(pager, new DataUnlock(4, Other, 0, PageSize, VmProt.Write));
        Probe.Send(pager, new Terminate(5, Other, 9));
        Probe.Send(pager, new LockCompleted(6, Control, 0, PageSize));
        Probe.Send(pager, "counts");

        Assert.Equal("stale 5, ignored 0, live 0", seen.ExpectMsg<string>());
        ExpectNoMsg();
    }

    [Fact]
    public void DataReturn_CarriesTheProtocolsFlagsToTheHandler()
    {
        var (pager, seen) = Start();
        Init(pager, Control);
        seen.ExpectMsg<string>();

        Probe.Send(pager, new DataReturn(1, Control, 0, [.. new byte[PageSize]], Dirty: false, KernelCopy: true));

        Assert.Equal("return 0 dirty False kept True", seen.ExpectMsg<string>());
    }

    [Fact]
    public void DataUnlock_ByDefault_LiftsTheLockWithoutReturningOrFlushing()
    {
        var (pager, _) = Start();
        Init(pager, Control);

        Probe.Send(pager, new DataUnlock(1, Control, PageSize, PageSize, VmProt.Write));

        Assert.Equal(new LockRequest(Control, PageSize, PageSize, LockReturnPolicy.None, false, VmProt.None, null), ExpectMsg<LockRequest>());
    }

    [Fact]
    public void Completions_OnALiveIncarnation_ReachTheirHandlers()
    {
        var (pager, seen) = Start();
        Init(pager, Control);
        seen.ExpectMsg<string>();

        Probe.Send(pager, new LockCompleted(1, Control, 0, PageSize));
        Probe.Send(pager, new SupplyCompleted(2, Control, 0, PageSize, KernReturn.MemoryPresent, 0));
        Probe.Send(pager, new ChangeCompleted(3, true, VmCopyStrategy.Delay));
        Probe.Send(pager, new AttributesReply(4, KernReturn.Success, true, false, VmCopyStrategy.Delay));

        Assert.Equal("lock completed 0", seen.ExpectMsg<string>());
        Assert.Equal("supply completed MemoryPresent", seen.ExpectMsg<string>());
        Assert.Equal("change completed True", seen.ExpectMsg<string>());
        Assert.Equal("attributes True", seen.ExpectMsg<string>());
    }

    [Fact]
    public void DefaultPagerMessages_AreIgnoredAndCounted()
    {
        var (pager, seen) = Start();

        Probe.Send(pager, new MemoryObjectCreate(0, 3, PageSize, Control, 9, PageSize));
        Probe.Send(pager, new DataInitialize(1, Control, 0, [.. new byte[PageSize]]));
        Probe.Send(pager, "counts");

        Assert.Equal("stale 0, ignored 2, live 0", seen.ExpectMsg<string>());
        ExpectNoMsg();
    }

    [Fact]
    public void Helpers_SendEveryCallWithTheChoicesGiven()
    {
        var (pager, _) = Start();
        Init(pager, Control);

        Probe.Send(pager, "calls");

        var page = ExpectMsg<DataSupply>();
        Assert.Equal((VmProt.Write, true, pager), (page.LockValue, page.Precious, page.ReplyTo));
        var pages = ExpectMsg<DataSupply>();
        Assert.Equal((2, VmProt.None, false, (IActorRef?)null), (pages.Pages.Length, pages.LockValue, pages.Precious, pages.ReplyTo));
        Assert.Equal(new DataUnavailable(Control, 0, PageSize), ExpectMsg<DataUnavailable>());
        Assert.Equal(new DataError(Control, PageSize, PageSize, KernReturn.NoSpace), ExpectMsg<DataError>());
        Assert.Equal(new LockRequest(Control, 0, 2 * PageSize, LockReturnPolicy.All, true, null, pager), ExpectMsg<LockRequest>());
        Assert.Equal(new ChangeAttributes(Control, true, VmCopyStrategy.Delay, pager), ExpectMsg<ChangeAttributes>());
        Assert.Equal(new GetAttributes(Control, pager), ExpectMsg<GetAttributes>());
        Assert.Equal(new Destroy(Control, KernReturn.Success), ExpectMsg<Destroy>());
    }

    /// <summary>Tells <paramref name="seen"/> what each handler saw; supplies pages whose bytes are the object's key.</summary>
    private sealed class RecordingPager(int pageSize, IActorRef seen, bool mayCache) : Pager(pageSize)
    {
        protected override bool MayCache => mayCache;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "counts":
                    seen.Tell($"stale {StaleMessages}, ignored {IgnoredMessages}, live {LiveIncarnations}", Self);
                    break;
                case "calls":
                    Calls();
                    break;
                default:
                    base.OnReceive(message);
                    break;
            }
        }

        private void Calls()
        {
            var control = new ControlIncarnation(Sender, 1);
            ImmutableArray<byte> page = [.. new byte[PageSize]];
            Supply(control, 0, page, VmProt.Write, precious: true, replyTo: Self);
            SupplyPages(control, 0, [page, page]);
            Unavailable(control, 0, PageSize);
            Error(control, PageSize, PageSize, KernReturn.NoSpace);
            Lock(control, 0, 2 * PageSize, LockReturnPolicy.All, true, null, Self);
            ChangeAttributes(control, true, VmCopyStrategy.Delay, Self);
            GetAttributes(control);
            Destroy(control);
        }

        protected override void OnInit(MemoryObjectInit init)
        {
            seen.Tell("init " + KeyOf(init.Control), Self);
            base.OnInit(init);
        }

        protected override void OnDataRequest(DataRequest request) =>
            Supply(request.Control, request.Offset, [.. Enumerable.Repeat((byte)KeyOf(request.Control), PageSize)]);

        protected override void OnDataReturn(DataReturn returned) =>
            seen.Tell($"return {returned.Offset} dirty {returned.Dirty} kept {returned.KernelCopy}", Self);

        protected override void OnLockCompleted(LockCompleted completed) => seen.Tell("lock completed " + completed.Offset, Self);

        protected override void OnSupplyCompleted(SupplyCompleted completed) => seen.Tell("supply completed " + completed.Result, Self);

        protected override void OnChangeCompleted(ChangeCompleted completed) => seen.Tell("change completed " + completed.MayCache, Self);

        protected override void OnAttributes(AttributesReply reply) => seen.Tell("attributes " + reply.Ready, Self);

        protected override void OnTerminate(Terminate terminate) => seen.Tell("terminate " + KeyOf(terminate.Control), Self);
    }
}
