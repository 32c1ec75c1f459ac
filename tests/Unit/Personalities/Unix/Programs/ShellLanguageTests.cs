using MachActors.Hardware;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs;

/// <summary>The shell's arithmetic, parameter forms, case, groups, !, functions and read on whole machines.</summary>
public sealed class ShellLanguageTests
{
    public static TheoryData<DispatcherKind> Dispatchers => MachActors.Tests.Unit.Kernel.MachineKit.Dispatchers;

    [Theory]
    [MemberData(nameof(Dispatchers))]
    public void Language_CountCaseFunctionReadNegation_Output(DispatcherKind kind)
    {
        var (output, status) = ShellKit.RunLine(
            "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done; "
            + "for x in apple kiwi; do case $x in a*) echo A;; *) echo other;; esac; done; "
            + "f() { echo \"f:$1 $#\"; return 3; }; f hi there; echo $? $#; "
            + "echo 'a b c' | { read x y; echo $y; }; ! false && echo inverted; echo ${U:-dflt} ${#x}",
            kind);

        Assert.Equal("0\n1\n2\nA\nother\nf:hi 2\n3 0\nb c\ninverted\ndflt 4\n", output);
        Assert.Equal(0, status);
    }

    [Theory]
    [InlineData("echo $((7/0)); echo $?", "sh: division by zero\n2\n")]
    [InlineData("X=$((1/0)); echo \"[$X]\" $?", "sh: division by zero\n[] 2\n")]
    [InlineData("echo $((2+)); echo $?", "sh: syntax error: expression ends early\n2\n")]
    [InlineData("n=5; echo $(( n * (n - 1) )) \"$(($n % 3))\" $((n > 4 && n < 6))", "20 2 1\n")]
    [InlineData("echo ${A:=set} $A; echo ${A:+alt} ${B:+alt}.", "set set\nalt .\n")]
    [InlineData("case x.c in *.h) echo h;; *.c|*.cc) echo c;; esac; case z in y) echo y;; esac; echo $?", "c\n0\n")]
    [InlineData("p='a*'; for w in '*' ab; do case $w in \"*\") echo star;; $p) echo a;; esac; case $w in \"$p\") echo q;; ?b) echo qb;; esac; done", "star\na\nqb\n")]
    [InlineData("x=1; { x=2; echo in; }; echo $x; ( x=3; cd /bin ); echo $x; pwd; { x=4; } > /o; echo $x", "in\n2\n2\n/\n2\n")]
    [InlineData("(exit 4); echo $?; ( echo a; echo b ) | wc -l", "4\n2\n")]
    [InlineData("! true; echo $?; ! ls /nope 2>/dev/null | wc -c; echo $?", "1\n0\n1\n")]
    [InlineData("set_it() { V=$1; }; set_it v; echo $V; f() { echo $1; }; f a | cat; echo $1", "v\na\n\n")]
    [InlineData("f() { echo in$1; return 5; }; echo $(f 1) \"$(f 2 | cat)\"; f 3 | cat; echo $?", "in1 in2\nin3\n0\n")]
    [InlineData("f() { for i in 1 2 3; do [ $i = 2 ] && return $i; done; echo no; }; f; echo $?", "2\n")]
    [InlineData("f() { echo f; }; f() { echo g; }; f; return 1; echo $?", "g\nsh: return: not in a function\n1\n")]
    [InlineData("n() { [ $1 -le 0 ] && return 0; n $(($1-1)); echo $1; }; n 3", "1\n2\n3\n")]
    [InlineData("r() { r; }; r; echo $?", "sh: function nesting too deep\n2\n")]
    [InlineData("printf_free() { read a; read b; echo \"$b-$a\"; }; echo one > /i; echo two >> /i; printf_free < /i", "two-one\n")]
    [InlineData("echo x | { read a b; echo \"[$a][$b]\" $?; read c; echo $? \"[$c]\"; }", "[x][] 0\n1 []\n")]
    public void Language_Line_Output(string line, string expected)
    {
        Assert.Equal(expected, ShellKit.RunLine(line).Output);
    }

    [Theory]
    [InlineData("case x in a) echo", "sh: syntax error: unexpected end of line\n")]
    [InlineData("{ echo a }", "sh: syntax error: unexpected end of line\n")]
    [InlineData("( )", "sh: syntax error near ')'\n")]
    [InlineData("f() echo a", "sh: syntax error near 'echo'\n")]
    [InlineData("echo $((1+)", "sh: syntax error: unterminated $(\n")]
    public void Language_BadSyntax_ErrorAndStatus2(string line, string expected)
    {
        var (output, status) = ShellKit.RunLine(line);

        Assert.Equal(expected, output);
        Assert.Equal(2, status);
    }
}
