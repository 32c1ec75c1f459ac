using MachActors.Personalities.Unix.Programs.Shell;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs.Shell;

public sealed class ShellParserTests
{
    [Theory]
    [InlineData("echo hello | wc -c", "echo hello | wc -c ;")]
    [InlineData("a;b ; c", "a ; b ; c ;")]
    [InlineData("a && b || c", "a && b || c ;")]
    [InlineData("sleep 1 & wait", "sleep 1 & wait ;")]
    [InlineData("cat < /in > /out 2> /err", "cat < /in > /out 2> /err ;")]
    [InlineData("echo x >> /f", "echo x >> /f ;")]
    [InlineData("echo 'a b' \"c \\\" d\" e\\ f", "echo 'a b' 'c \" d' 'e f' ;")]
    [InlineData("echo 2>/e 12", "echo 12 2> /e ;")]
    [InlineData("yes|head -1&&echo ok", "yes | head -1 && echo ok ;")]
    [InlineData("echo a # a comment", "echo a ;")]
    [InlineData("", "")]
    public void Parse_Line_CanonicalForm(string line, string expected)
    {
        var (script, error) = ShellParser.Parse(line);

        Assert.Null(error);
        Assert.Equal(expected, script!.Render());
    }

    [Fact]
    public void Parse_PipelineWithRedirects_Structure()
    {
        var (script, _) = ShellParser.Parse("cat < /a | wc -l > /b & echo done");

        var first = Assert.Single(script!.Lists, l => l.Background);
        Assert.Equal(2, first.First.Commands.Count);
        Assert.Equal(["cat"], first.First.Commands[0].Argv);
        Assert.Equal(new ShellRedirect(ShellTokenKind.In, "/a"), first.First.Commands[0].Redirects[0]);
        Assert.Equal(0, first.First.Commands[0].Redirects[0].Fd);
        Assert.Equal(1, first.First.Commands[1].Redirects[0].Fd);
        Assert.False(script.Lists[1].Background);
    }

    [Theory]
    [InlineData("| wc", "syntax error near '|'")]
    [InlineData("echo a |", "syntax error: unexpected end of line")]
    [InlineData("echo a && ; b", "syntax error near ';'")]
    [InlineData("cat >", "syntax error: missing file after '>'")]
    [InlineData("echo 'open", "syntax error: unterminated '")]
    [InlineData("echo \"open", "syntax error: unterminated \"")]
    [InlineData(";", "syntax error near ';'")]
    public void Parse_BadLine_Error(string line, string expected)
    {
        var (script, error) = ShellParser.Parse(line);

        Assert.Null(script);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Tokenize_Operators_KindsInOrder()
    {
        var (tokens, _) = ShellLexer.Tokenize("a|b;c&&d||e&f<g>h>>i 2>j");

        Assert.Equal(
            [ShellTokenKind.Word, ShellTokenKind.Pipe, ShellTokenKind.Word, ShellTokenKind.Semicolon, ShellTokenKind.Word, ShellTokenKind.AndIf, ShellTokenKind.Word,
             ShellTokenKind.OrIf, ShellTokenKind.Word, ShellTokenKind.Background, ShellTokenKind.Word, ShellTokenKind.In, ShellTokenKind.Word, ShellTokenKind.Out,
             ShellTokenKind.Word, ShellTokenKind.Append, ShellTokenKind.Word, ShellTokenKind.ErrOut, ShellTokenKind.Word],
            tokens.Select(t => t.Kind));
    }
}
