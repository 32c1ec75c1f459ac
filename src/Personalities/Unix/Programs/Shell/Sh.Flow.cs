namespace MachActors.Personalities.Unix.Programs.Shell;

/// <summary>Compound commands (if, while, until, for) and the break / continue that leave loops.</summary>
public sealed partial class Sh
{
    private int _loops;
    private (bool Break, int Levels)? _jump;

    /// <summary>True after exit, or while a break / continue is on its way out to its loop: lists stop running commands.</summary>
    private bool Stopped => _exit || _jump is not null || _returning;

    /// <summary>break [N] / continue [N]: marks the Nth enclosing loop (1 by default; no more than there are); outside a loop nothing. Status 0, or 1 for a bad N.</summary>
    private int Jump(IReadOnlyList<string> argv)
    {
        var levels = argv.Count > 1 ? ProgramIo.Count(argv[1]) : 1;
        if (levels is null or 0) return 1;
        if (_loops > 0) _jump = (argv[0] == "break", (int)Math.Min(levels.Value, _loops));
        return 0;
    }

    /// <summary>Runs <paramref name="compound"/> in this shell (a child's when it is in a pipeline or redirected) and returns its status.</summary>
    private async Task<int> RunCompound(ShellCompound compound) => compound switch
    {
        ShellIf c => await RunIf(c),
        ShellLoop c => await RunLoop(c.Until, c.Condition, c.Body, null),
        ShellFor c => await ForValues(c.Words) is var values && Failed() ? 2 : await RunLoop(false, null, c.Body, (c.Name, values)),
        ShellCase c => await RunCase(c),
        ShellGroup { Subshell: false } c => await RunList(c.Body),
        ShellGroup c => await Subshell(c.Body),
        ShellFunction c => Define(c),
        _ => 0,
    };

    /// <summary>The first item with a pattern (expanded, then matched as a glob pattern: its quoted characters literally) matching the expanded word runs its list; status the list's, 0 when none matched or the list is empty.</summary>
    private async Task<int> RunCase(ShellCase compound)
    {
        var word = await Text(compound.Word);
        if (Failed()) return 2;
        foreach (var item in compound.Items)
        {
            foreach (var pattern in item.Patterns)
            {
                var field = ShellExpander.Pattern(await Substitute(pattern), Lookup, Set);
                if (Failed()) return 2;
                if (ShellGlob.Matches(field, word)) return item.Body.Lists.Count == 0 ? 0 : await RunList(item.Body);
            }
        }
        return 0;
    }

    /// <summary>( LIST ): the list in a forked child shell, waited for; status the child's.</summary>
    private async Task<int> Subshell(ShellScript body)
    {
        var (forked, pid) = await _u.Fork(c => new Sh(c, this).RunList(body));
        if (forked != Errno.None) return await ProgramIo.Fail(_u, $"sh: fork: {ProgramIo.Message(forked)}");
        return await _u.Waitpid(pid) is { Error: Errno.None } waited ? StatusOf(waited.Status) : 1;
    }

    /// <summary>The first clause whose condition gives 0 runs its body; else the else list; status the body's, or 0 when none ran.</summary>
    private async Task<int> RunIf(ShellIf compound)
    {
        foreach (var clause in compound.Clauses)
        {
            var condition = await RunList(clause.Condition);
            if (Stopped) return condition;
            if (condition == 0) return await RunList(clause.Body);
        }
        return compound.Else is { } otherwise ? await RunList(otherwise) : 0;
    }

    /// <summary>The CPU cycles one round of a loop costs (10 us at 25 MHz), besides the commands it runs.</summary>
    private const long RoundCycles = 250;

    /// <summary>
    /// A loop: with a condition, the body runs while it gives 0 (<paramref name="until"/>: while it does not);
    /// with <paramref name="each"/>, once per value with the variable set to it. break leaves, continue goes to
    /// the next round; with N greater than 1 they leave this loop and go on outwards. Status: the body's last, 0
    /// when it never ran.
    /// </summary>
    private async Task<int> RunLoop(bool until, ShellScript? condition, ShellScript body, (string Name, IReadOnlyList<string> Values)? each)
    {
        var status = 0;
        _loops++;
        for (var round = 0; !_exit && !_returning; round++)
        {
            await _u.Mach.Compute(RoundCycles); // a round costs CPU time, so a loop of builtins alone is preempted and bounded by the run's time limit
            if (each is var (name, values))
            {
                if (round >= values.Count) break;
                _variables[name] = values[round];
            }
            else if (condition is not null)
            {
                var test = await RunList(condition);
                if (Left(out var leave) && leave) break;
                if (_exit || (test == 0) == until) break;
            }
            status = await RunList(body);
            if (Left(out var stop) && stop) break;
        }
        _loops--;
        return status;
    }

    /// <summary>Takes a pending break / continue meant for this loop: true when there was one, <paramref name="leave"/> when this loop must end.</summary>
    private bool Left(out bool leave)
    {
        leave = false;
        if (_jump is not var (isBreak, levels)) return false;
        _jump = levels > 1 ? (isBreak, levels - 1) : null;
        leave = levels > 1 || isBreak;
        return true;
    }

    /// <summary>A for loop's values: its words expanded, split and globbed, or without in the positional parameters.</summary>
    private async Task<IReadOnlyList<string>> ForValues(IReadOnlyList<ShellWord>? words) => words is null ? _params : await ExpandWords(words);
}
