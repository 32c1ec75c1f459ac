namespace MachActors.Tests.Unit.Actors;

public sealed class ActorNameTests : ActorTestBase
{
    [Fact]
    public void Spawn_DuplicateTopLevelName_ThrowsInvalidActorNameExceptionNamingIt()
    {
        Sys.Spawn(Props.Create<EchoActor>(), "a");

        var e = Assert.Throws<InvalidActorNameException>(() => Sys.Spawn(Props.Create<EchoActor>(), "a"));

        Assert.Contains("[a]", e.Message);
        Assert.Contains("not unique", e.Message);
        Assert.Contains("/user", e.Message);
    }

    [Fact]
    public void Spawn_DuplicateChildName_FailsTheParentWithInvalidActorNameException()
    {
        var failures = SubscribeProbe<ActorFailed>();
        var parent = SpawnReporter("p", "p");
        SpawnChildOf(parent, "c", "c");

        parent.Tell(new SpawnChild("c", "c"));

        var failed = failures.ExpectMsg<ActorFailed>();
        Assert.Equal(parent, failed.Actor);
        var e = Assert.IsType<InvalidActorNameException>(failed.Cause);
        Assert.Contains("[c]", e.Message);
        Assert.Contains("/user/p", e.Message);
    }

    [Theory]
    [InlineData("$x", "must not start with '$'")]
    [InlineData("a/b", "must not contain '/'")]
    [InlineData("", "must not be empty")]
    public void Spawn_MalformedName_ThrowsInvalidActorNameException(string name, string reason)
    {
        var e = Assert.Throws<InvalidActorNameException>(() => Sys.Spawn(Props.Create<EchoActor>(), name));

        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Spawn_NameOfTerminatedActor_CanBeReused()
    {
        var first = Sys.Spawn(Props.Create<EchoActor>(), "a");
        StopAndWait(first);
        Settle(); // the guardian handles ChildTerminated and frees the name

        var second = Sys.Spawn(Props.Create<EchoActor>(), "a");

        Assert.NotEqual(first, second);
        Assert.Equal("/user/a", second.Path.ToString());
    }

    [Fact]
    public void Spawn_NameOfActorStillStopping_IsStillTaken()
    {
        var first = Sys.Spawn(Props.Create<EchoActor>(), "a");
        Settle();
        Sys.Stop(first);

        Assert.Throws<InvalidActorNameException>(() => Sys.Spawn(Props.Create<EchoActor>(), "a"));
    }

    [Fact]
    public void Path_Grandchild_IsUserParentChild()
    {
        var a = SpawnReporter("a", "a");
        var b = SpawnChildOf(a, "b", "b");

        Assert.Equal("/user/a/b", b.Path.ToString());
        Assert.Equal("b", b.Path.Name);
        Assert.Equal(["user", "a", "b"], b.Path.Elements);
        Assert.Equal(a.Path, b.Path.Parent);
        Assert.Equal("/user/a/b", b.ToString());
    }

    [Fact]
    public void Path_ProbeAndDeadLetters_LiveOutsideUser()
    {
        Assert.Equal("/system/testActor", TestActor.Path.ToString());
        Assert.Equal("/deadLetters", Sys.DeadLetters.Path.ToString());
        Assert.Equal("/", ActorPath.Root.ToString());
    }

    [Fact]
    public void Spawn_NoName_GeneratesDollarId()
    {
        var a = Sys.Spawn(Props.Create<EchoActor>());
        var b = Sys.Spawn(Props.Create<EchoActor>());

        Assert.Equal("$" + a.Id.Value, a.Path.Name);
        Assert.Equal("/user/$" + b.Id.Value, b.Path.ToString());
        Assert.True(b.Id.Value > a.Id.Value);
    }

    [Fact]
    public async Task ContextChild_ByNameAndGeneratedName_FindsTheChildOrNull()
    {
        IActorRef? named = null, generated = null;
        var parent = SpawnLambda((self, m) =>
        {
            if (m is "spawn")
            {
                named = self.Context.Spawn(Props.Create<EchoActor>(), "c");
                generated = self.Context.Spawn(Props.Create<EchoActor>());
            }
            self.Sender.Tell((object?)self.Context.Child((string)m) ?? "none", self.Self);
        });
        await parent.Ask("spawn");

        Assert.Equal(named, await parent.Ask<IActorRef>("c"));
        Assert.Equal(generated, await parent.Ask<IActorRef>(generated!.Path.Name));
        Assert.Equal("none", await parent.Ask<string>("other"));
        Assert.Equal("none", await parent.Ask<string>("$" + named!.Id.Value));
    }

    [Fact]
    public async Task ContextChildren_IsASnapshotInSpawnOrder()
    {
        IReadOnlyList<IActorRef>? snapshot = null;
        var spawned = new List<IActorRef>();
        var parent = SpawnLambda((self, m) =>
        {
            spawned.Add(self.Context.Spawn(Props.Create<EchoActor>(), (string)m));
            if (spawned.Count == 2) snapshot = self.Context.Children;
            self.Sender.Tell(self.Context.Children.Count, self.Self);
        });

        await parent.Ask("x");
        await parent.Ask("y");
        Assert.Equal(3, await parent.Ask<int>("z"));

        Assert.Equal(spawned.Take(2), snapshot);
    }

    [Fact]
    public async Task ContextParent_TopLevelAndChild_AreGuardianAndParent()
    {
        var top = SpawnLambda((self, m) =>
        {
            if (m is "spawn") self.Sender.Tell(self.Context.Spawn(LambdaActor.Props((c, _) => c.Sender.Tell(c.Context.Parent, c.Self))), self.Self);
            else self.Sender.Tell(self.Context.Parent, self.Self);
        }, "top");
        var child = await top.Ask<IActorRef>("spawn");

        Assert.Equal("/user", (await top.Ask<IActorRef>("parent")).Path.ToString());
        Assert.Equal(top, await child.Ask<IActorRef>("parent"));
    }
}
