using MachActors.Hardware;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs;

/// <summary>The shell's words on whole machines: cd and pwd, variables and $?, $$, $!, quoting, globbing, numbered and duplicating redirections.</summary>
public sealed class ShellWordsTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Cd_RelativeFilesAndLs_InTheNewDirectory(DispatcherKind kind)
    {
        var (output, status) = ShellKit.RunLine("mkdir /a; cd /a; echo x > f; ls; cat /a/f; pwd; mkdir e; cd e; pwd; cd ../..; pwd; ls a; cd; pwd", kind);

        Assert.Equal("f\nx\n/a\n/a/e\n/\ne\nf\n/\n", output);
        Assert.Equal(0, status);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Variables_StatusQuotingAndGlob_Expanded(DispatcherKind kind)
    {
        var (output, status) = ShellKit.RunLine("false; echo $?; X=hi; echo $X \"$X\" '$X' ${X}!; echo /bin/c*; ls /nope 2>&1 | wc -c", kind);

        Assert.Equal("1\nhi hi $X hi!\n/bin/cat /bin/cp\n37\n", output);
        Assert.Equal(0, status);
    }

    [Theory]
    [InlineData("true; echo $?; nosuch; echo $?; segv; echo $?", "0\nsh: nosuch: not found\n127\nSegmentation fault\n139\n")]
    [InlineData("echo $$", "1\n")]
    [InlineData("sleep 1 & echo $!; wait", "2\n")]
    [InlineData("X=bg; echo $X & wait", "bg\n")]
    [InlineData("X=a; Y=$X$X Z=$Y; echo $Y $Z; unset X; echo \"[$X]\"", "aa aa\n[]\n")]
    [InlineData("A='1  2'; echo $A; echo \"$A\"", "1 2\n1  2\n")]
    [InlineData("E=; echo a $E b \"$E\" c", "a b  c\n")]
    [InlineData("echo \\$X '\\$X' \"\\$X\" $", "$X \\$X $X $\n")]
    [InlineData("F=/o; echo hi > $F; cat $F", "hi\n")]
    public void Variables_Line_Output(string line, string expected)
    {
        Assert.Equal(expected, ShellKit.RunLine(line).Output);
    }

    [Theory]
    [InlineData("cd /bin; echo c* ?s; echo /bin/[ef]*", "cat cp ls ps\n/bin/echo /bin/env /bin/forktest\n")]
    [InlineData("echo nomatch* '/bin/c*' /bin/c\\*", "nomatch* /bin/c* /bin/c*\n")]
    [InlineData("mkdir /d /d/x /d/y; echo x > /d/f; echo /d/*/; cd /d; echo */ *", "/d/x/ /d/y/\nx/ y/ f x y\n")]
    [InlineData("P='/bin/e*'; echo $P \"$P\"", "/bin/echo /bin/env /bin/e*\n")]
    public void Glob_Line_SortedMatchesOrTheWord(string line, string expected)
    {
        Assert.Equal(expected, ShellKit.RunLine(line).Output);
    }

    [Theory]
    [InlineData("cd /nope; echo $?; cd /bin/cat; cd a b", "sh: cd: /nope: No such file or directory\n1\nsh: cd: /bin/cat: Not a directory\nsh: cd: too many arguments\n", 1)]
    [InlineData("cd /bin; ./echo relative; ../bin/echo up; cd /tmp; ./echo", "relative\nup\nsh: ./echo: not found\n", 127)]
    [InlineData("cd /tmp; pwd | wc -c; cd /bin | true; pwd", "5\n/tmp\n", 0)]
    public void Cd_Line_OutputAndStatus(string line, string expected, int status)
    {
        var (output, s) = ShellKit.RunLine(line);

        Assert.Equal(expected, output);
        Assert.Equal(status, s);
    }

    [Theory]
    [InlineData("echo x 3>/f 1>&3; cat /f", "x\n")]
    [InlineData("echo x 2>/e >&2; cat /e", "x\n")]
    [InlineData("cat /nope 2>/e; cat /e", "cat: /nope: No such file or directory\n")]
    [InlineData("ls /nope 2>&1 >/o; echo; cat /o", "ls: /nope: No such file or directory\n\n")]
    [InlineData("echo x >&9", "sh: 9: Bad file descriptor\n")]
    [InlineData("echo x >&-; echo $?", "1\n")]                 // standard output closed: echo's write fails
    [InlineData("> /empty; wc -c /empty", "0 /empty\n")]
    public void Redirect_Numbered_Line_Output(string line, string expected)
    {
        Assert.Equal(expected, ShellKit.RunLine(line).Output);
    }
}
