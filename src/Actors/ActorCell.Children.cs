namespace MachActors.Actors;

/// <summary>Creating, finding and stopping children.</summary>
internal sealed partial class ActorCell
{
    /// <inheritdoc />
    public IReadOnlyList<IActorRef> Children =>
        _extras?.Children is { } c ? c.Snapshot().ConvertAll(static x => (IActorRef)x.SelfRef) : [];

    /// <inheritdoc />
    public IActorRef? Child(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _extras?.Children?.Find(name)?.SelfRef;
    }

    /// <inheritdoc />
    public IActorRef Spawn(Props props, string? name = null)
    {
        EnsureInside();
        return SpawnChild(props, name).SelfRef;
    }

    /// <summary>
    /// Creates and registers a child and hands it to the dispatcher for its first turn.
    /// Preconditions: the caller is this cell's turn, or host code spawning under a guardian.
    /// Effects: a Spawn trace event; the name is reserved until the child has terminated.
    /// </summary>
    /// <exception cref="InvalidActorNameException">Malformed or taken name.</exception>
    /// <exception cref="InvalidOperationException">This actor is stopping.</exception>
    internal ActorCell SpawnChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        ValidateName(name);
        if (_state is CellState.Terminating or CellState.Terminated)
        {
            throw new InvalidOperationException($"{this} is stopping and cannot create children");
        }
        var child = new ActorCell(Sys, Sys.NextActorId(), this, props, name);
        ChildrenOrCreate().Add(child, this);
        Sys.OnSpawned(child);
        return child;
    }

    /// <summary>
    /// The children container, created on first use. Guardians get theirs at system start
    /// (<see cref="ActorSystem"/>), because host threads spawn under them concurrently.
    /// </summary>
    internal ChildrenContainer ChildrenOrCreate() => Extras.Children ??= new ChildrenContainer(_locked);

    private static void ValidateName(string? name)
    {
        if (name is null) return;
        if (name.Length == 0) throw new InvalidActorNameException("actor name must not be empty");
        if (name.StartsWith('$')) throw new InvalidActorNameException($"actor name [{name}] must not start with '$' (reserved for generated names)");
        if (name.Contains('/')) throw new InvalidActorNameException($"actor name [{name}] must not contain '/'");
    }

    /// <inheritdoc />
    public void Stop(IActorRef actor)
    {
        EnsureInside();
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not LocalActorRef { Cell: var target } || (target != this && target.ParentCell != this))
        {
            throw new InvalidOperationException(
                $"{this} can only stop itself or its own children, not {actor}; tell it PoisonPill or use ActorSystem.Stop");
        }
        if (target != this) target.StopRequested = true;
        Sys.Dispatcher.PostSystem(target, TerminateSelf.Instance);
    }

    /// <summary>Stops every child that was not asked to stop yet. Returns whether any child is still registered.</summary>
    private bool StopAllChildren()
    {
        if (_extras?.Children is not { } children) return false;
        foreach (var child in children.Snapshot())
        {
            if (child.StopRequested) continue;
            child.StopRequested = true;
            Sys.Dispatcher.PostSystem(child, TerminateSelf.Instance);
        }
        return children.Count > 0;
    }

    /// <summary>A child finished stopping: free its name, and finish our own stop or restart if we were waiting for it.</summary>
    private void HandleChildTerminated(ActorCell child)
    {
        var children = _extras?.Children;
        children?.Remove(child);
        if (ParentCell is null && child == Sys.UserGuardian && _state == CellState.Running)
        {
            // The /user guardian stopped (an unhandled failure): the system stops, as Akka.NET's does.
            BeginTerminate();
            return;
        }
        if (_state == CellState.Terminating && (children is null || children.Count == 0))
        {
            FinishTerminate();
        }
        else if (_state == CellState.Restarting && (children is null || !children.AnyStopping()))
        {
            FinishRecreate(_extras!.RestartCause!);
        }
    }
}
