using MachActors.Hardware;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs;

/// <summary>The shell's control flow on whole machines: if, while with test, for, break / continue, command substitution, scripts with positional parameters, syntax errors.</summary>
public sealed class ShellFlowTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Flow_ForIfWhileAndSubstitution_Output(DispatcherKind kind)
    {
        var (output, status) = ShellKit.RunLine(
            "for f in a b c; do echo $f; done; if ls /nope; then echo yes; else echo no; fi; "
            + "i=x; while [ $i != xxx ]; do echo $i; i=${i}x; done; echo $(echo hi | wc -c)",
            kind);

        Assert.Equal("a\nb\nc\nls: /nope: No such file or directory\nno\nx\nxx\n3\n", output);
        Assert.Equal(0, status);
    }

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Script_WrittenWithEcho_RunWithArguments(DispatcherKind kind)
    {
        var (output, status) = ShellKit.RunLine(
            "echo '#!/bin/sh' > /tmp/s.sh; echo 'echo $1 $#' >> /tmp/s.sh; echo 'for a in \"$@\"; do' >> /tmp/s.sh; "
            + "echo '  echo \"[$a]\"' >> /tmp/s.sh; echo 'done; exit 3' >> /tmp/s.sh; sh /tmp/s.sh a 'b c'; echo $?",
            kind);

        Assert.Equal("a 2\n[a]\n[b c]\n3\n", output);
        Assert.Equal(0, status);
    }

    [Theory]
    [InlineData("if false; then echo a; elif true; then echo b; else echo c; fi; if false; then echo d; fi; echo $?", "b\n0\n")]
    [InlineData("until [ -d /u ]; do mkdir /u; echo made; done; [ -f /u ] || echo notfile", "made\nnotfile\n")]
    [InlineData("for f in /bin/e* /bin/w*; do echo $f; done | wc -l", "3\n")]
    [InlineData("for x in 1 2 3; do for y in a b; do if [ $y = b ]; then continue 2; fi; echo $x$y; done; done", "1a\n2a\n3a\n")]
    [InlineData("for x in 1 2 3; do echo $x; [ $x -ge 2 ] && break; done; echo after", "1\n2\nafter\n")]
    [InlineData("while true; do while true; do break 2; done; echo no; done; echo out", "out\n")]
    [InlineData("echo a $(fi) b; echo $?", "sh: syntax error near 'fi'\na b\n0\n")]
    [InlineData("X=$(echo a b); echo \"$X\" `echo c` \"$(echo '  d  ')\"; Y=$(false); echo $?", "a b c   d  \n1\n")]
    [InlineData("for w in $(echo 1 2) \"$(echo 3 4)\"; do echo [$w]; done", "[1]\n[2]\n[3 4]\n")]
    [InlineData("echo $(echo $(echo nested))", "nested\n")]
    [InlineData("if true; then exit 5; fi; echo no", "")]
    [InlineData("echo $0 $#", "sh 0\n")]
    [InlineData("sh -c 'echo $0 $2 $#; shift; echo $1' me a b", "me b 2\nb\n")]
    [InlineData("for i in 1 2; do echo $i; done > /o; cat /o; if true; then echo x; fi | wc -c", "1\n2\n2\n")]
    [InlineData("test 1 -lt 2 && [ abc = abc ] && echo ok; [ 1 -lt; echo $?; test a b; echo $?", "ok\n[: missing ]\n2\ntest: a: unary operator expected\n2\n")]
    public void Flow_Line_Output(string line, string expected)
    {
        Assert.Equal(expected, ShellKit.RunLine(line).Output);
    }

    [Theory]
    [InlineData("if true; then", "sh: syntax error: unexpected end of line\n")]
    [InlineData("while true; do done", "sh: syntax error near 'done'\n")]
    [InlineData("echo $(if; echo $?", "sh: syntax error: unterminated $(\n")]
    [InlineData("X=$(fi)", "sh: syntax error near 'fi'\n")]
    public void Flow_BadSyntax_ErrorAndStatus2(string line, string expected)
    {
        var (output, status) = ShellKit.RunLine(line);

        Assert.Equal(expected, output);
        Assert.Equal(2, status);
    }
}
