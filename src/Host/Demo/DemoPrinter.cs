using System.Globalization;
using MachActors.Host.Commands;
using Spectre.Console;

namespace MachActors.Host.Demo;

/// <summary>Prints a demo outcome: what ran, what happened, a table per actor, the totals, and the trace if kept.</summary>
internal static class DemoPrinter
{
    /// <summary>Writes the whole report to <paramref name="console"/>. Output depends only on <paramref name="outcome"/>.</summary>
    public static void Print(IAnsiConsole console, DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(outcome);
        PrintIntro(console, outcome);
        PrintEvents(console, outcome);
        console.Write(ActorTable(outcome));
        console.Write(TotalsTable(outcome));
        if (outcome.TraceLines.Count > 0) TracePrinter.Print(console, outcome.TraceLines);
    }

    private static void PrintIntro(IAnsiConsole console, DemoOutcome outcome)
    {
        var workers = DemoPlan.Workers;
        console.MarkupLine("[bold]MachActors runtime demo[/]: the actor runtime alone, without the machine (see 'machactors run')");
        console.WriteLine();
        console.MarkupLine("[bold]What ran[/]");
        console.WriteLine(
            $"  A supervisor owns a counter and {workers.Count} workers. Every {DemoPlan.Interval} of virtual time each worker's\n"
            + "  periodic timer ticks: the worker adds its number to the counter (which acks) and greets one peer\n"
            + "  picked by the scheduling strategy (Context.ChooseInt).\n"
            + $"  worker-2 throws a simulated fault on its tick {DemoPlan.FailingTick}; the supervisor (one-for-one) restarts it.\n"
            + $"  worker-3 retires after {DemoPlan.RetiringQuota} ticks; the supervisor's death watch sees it stop, and messages\n"
            + "  still on their way to it become dead letters.");
        console.WriteLine();
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  dispatcher: {outcome.Dispatcher}; ran {outcome.Settings.Duration} of virtual time ({outcome.Outcome})"));
        console.WriteLine();
    }

    private static void PrintEvents(IAnsiConsole console, DemoOutcome outcome)
    {
        console.MarkupLine("[bold]What happened[/]");
        if (outcome.Events.Count == 0) console.WriteLine("  (no failures or stops in this span of virtual time)");
        foreach (var e in outcome.Events) console.WriteLine($"  {e.At,-10} {e.What}");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  counter total: {outcome.Total.Total} from {outcome.Total.Adds} adds"));
        console.WriteLine();
    }

    private static Table ActorTable(DemoOutcome outcome)
    {
        var rows = outcome.Actors;
        var table = new Table().Title("Messages per actor").ShowFooters()
            .AddColumn(new TableColumn("id"))
            .AddColumn(new TableColumn("actor").Footer("[bold]all actors[/]"))
            .AddColumn(new TableColumn("role"))
            .AddColumn(Counted("ticks", rows.Sum(r => r.Counts.Ticks)))
            .AddColumn(Counted("received", rows.Sum(r => r.Counts.Received)))
            .AddColumn(Counted("sent", rows.Sum(r => r.Counts.Sent)))
            .AddColumn(Counted("faults", rows.Sum(r => r.Counts.Faults)));
        foreach (var row in rows)
        {
            var c = row.Counts;
            table.AddRow("a" + N(row.Id), Markup.Escape(row.Path), Markup.Escape(row.Role), N(c.Ticks), N(c.Received), N(c.Sent), N(c.Faults));
        }
        return table;
    }

    private static TableColumn Counted(string header, long total) => new TableColumn(header).RightAligned().Footer(N(total));

    private static Table TotalsTable(DemoOutcome outcome)
    {
        var table = new Table().Title("Totals").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("virtual time elapsed", outcome.Elapsed.SinceBoot.ToString());
        table.AddRow("steps (deliveries)", N(outcome.Steps));
        table.AddRow("scheduling decisions recorded", outcome.Decisions is { } d ? N(d) : "n/a (parallel)");
        table.AddRow("dead letters", N(outcome.DeadLetters));
        table.AddRow("failures / restarts", N(outcome.Failures) + " / " + N(outcome.Restarts));
        table.AddRow("unsupervised failures", N(outcome.UnhandledFailures));
        return table;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
