using MachActors.Hardware;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs;

/// <summary>The shell's environment on whole machines: import, export, assignments before a command, env, PATH search.</summary>
public sealed class ShellEnvironmentTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Export_AssignmentsAndEnv_ReachTheCommandsTheyShould(DispatcherKind kind)
    {
        var (output, status) = ShellKit.RunLine("export X=hi; sh -c 'echo $X'; Y=1 env; env; env Z=2 sh -c 'echo $Z'; echo ${Z:-unset}", kind);

        Assert.Equal("hi\nHOME=/\nPATH=/bin\nX=hi\nY=1\nHOME=/\nPATH=/bin\nX=hi\n2\nunset\n", output);
        Assert.Equal(0, status);
    }

    [Theory]
    [InlineData("sh -c 'echo $HOME $PATH'", "/ /bin\n")]
    [InlineData("X=1; sh -c 'echo [$X]'", "[]\n")]
    [InlineData("X=1; export X; sh -c 'echo $X'", "1\n")]
    [InlineData("export X; X=late; sh -c 'echo $X'", "late\n")]
    [InlineData("export X=1; unset X; sh -c 'echo [$X]'", "[]\n")]
    [InlineData("export X=1; X=2 sh -c 'echo $X'; echo $X", "2\n1\n")]
    [InlineData("f() { sh -c 'echo $V'; }; V=fn f; echo [$V]", "fn\n[]\n")]
    [InlineData("X=a; export X; (X=b; sh -c 'echo $X'); sh -c 'echo $X'", "b\na\n")]
    [InlineData("export X=a; sh -c 'export X=b; sh -c \"echo \\$X\"'; echo $X", "b\na\n")]
    [InlineData("X=1 true; echo [$X]; X=1 export Y=2; echo [$X] $Y", "[]\n[] 2\n")]
    [InlineData("export A=1 B=\"it's\"; export", "export A='1'\nexport B='it'\\''s'\nexport HOME='/'\nexport PATH='/bin'\n")]
    [InlineData("export 1x=2 OK=3; echo $? $OK", "sh: export: 1x: bad variable name\n1 3\n")]
    [InlineData("env -i A=1 env; env -i", "A=1\n")]
    [InlineData("env A=1 nosuch; echo $?; env =x; echo $?", "env: nosuch: No such file or directory\n127\nenv: =x: Invalid argument\n125\n")]
    [InlineData("export HOME=/tmp; cd; pwd", "/tmp\n")]
    [InlineData("echo x | V=piped sh -c 'cat; echo $V'", "x\npiped\n")]
    public void Environment_Line_Output(string line, string expected)
    {
        Assert.Equal(expected, ShellKit.RunLine(line).Output);
    }

    [Theory]
    [InlineData("PATH=/nope; echo hi; /bin/echo ok $?", "sh: echo: not found\nok 127\n")]
    [InlineData("PATH=/nope echo hi; echo $?; echo back", "sh: echo: not found\n127\nback\n")]
    [InlineData("mkdir /x; cp /bin/echo /x/say; PATH=/x:/bin say hi; say no", "hi\nsh: say: not found\n")]
    [InlineData("cd /bin; PATH= echo here; PATH=/nope /bin/env echo there", "here\nenv: echo: No such file or directory\n")]
    public void PathSearch_Line_Output(string line, string expected)
    {
        Assert.Equal(expected, ShellKit.RunLine(line).Output);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Getenv_ProgramRegistered_ReadsWhatTheShellPassedAndPathFindsIt(DispatcherKind kind)
    {
        using var kit = new ShellKit("greet; GREETING=hello greet; export GREETING=hi; greet; PATH=/nope greet; /bin/greet", kind, extra: p => p.Register("greet", async (u, argv) =>
        {
            await u.Write(1, (u.Getenv("GREETING") ?? "(unset)") + "\n");
            return 0;
        }));
        kit.Machine.RunToEnd(Duration.FromSeconds(60));

        Assert.Equal("(unset)\nhello\nhi\nsh: greet: not found\nhi\n", kit.Output);
        Assert.Equal(0, kit.Status);
    }
}
