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
    [InlineData("echo $X \"$Y\" '$Z' /bin/c* a\\*", "echo $X \"$Y\" '$Z' /bin/c* 'a*' ;")]
    [InlineData("ls /nope 2>&1 | wc -c", "ls /nope 2>&1 | wc -c ;")]
    [InlineData("X=hi; echo ${X}", "X=hi ; echo ${X} ;")]
    [InlineData("> /f", "> /f ;")]
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
             ShellTokenKind.Word, ShellTokenKind.Append, ShellTokenKind.Word, ShellTokenKind.Out, ShellTokenKind.Word],
            tokens.Select(t => t.Kind));
        Assert.Equal(2, tokens[^2].IoNumber);
        Assert.Null(tokens[^4].IoNumber);
    }

    [Theory]
    [InlineData("cmd 2>&1", ShellTokenKind.DupOut, 2, "1")]
    [InlineData("cmd >&2", ShellTokenKind.DupOut, 1, "2")]
    [InlineData("cmd 0<&3", ShellTokenKind.DupIn, 0, "3")]
    [InlineData("cmd <&-", ShellTokenKind.DupIn, 0, "-")]
    [InlineData("cmd 5>/f", ShellTokenKind.Out, 5, "/f")]
    [InlineData("cmd 12>>/f", ShellTokenKind.Append, 12, "/f")]
    [InlineData("cmd 3</f", ShellTokenKind.In, 3, "/f")]
    public void Parse_NumberedRedirect_FdAndTarget(string line, ShellTokenKind kind, int fd, string target)
    {
        var (script, error) = ShellParser.Parse(line);

        Assert.Null(error);
        var redirect = Assert.Single(script!.Lists[0].First.Commands[0].Redirects);
        Assert.Equal(new ShellRedirect(kind, fd, ShellWord.Literal(target)), redirect);
        Assert.Equal(["cmd"], script.Lists[0].First.Commands[0].Argv);
    }

    [Fact]
    public void Tokenize_Quotes_PartsKeepTheirQuoting()
    {
        var (tokens, _) = ShellLexer.Tokenize("a'b c'\\*\"d $X \\$ \\q\"''");

        var word = Assert.Single(tokens).Word!;
        Assert.Equal(
            [new ShellWordPart("a", ShellQuote.None), new ShellWordPart("b c", ShellQuote.Single), new ShellWordPart("*", ShellQuote.Escaped),
             new ShellWordPart("d $X ", ShellQuote.Double), new ShellWordPart("$", ShellQuote.Escaped), new ShellWordPart(" \\q", ShellQuote.Double),
             new ShellWordPart("", ShellQuote.Single)],
            word.Parts);
        Assert.Equal("ab c*d $X $ \\q", word.Text);
    }

    [Theory]
    [InlineData("X=1", "X", "1", 0)]
    [InlineData("X= ; echo", "X", "", 0)]
    [InlineData("_a9='b c' cmd", "_a9", "b c", 1)]
    [InlineData("X=$Y\"z\"", "X", "$Yz", 0)]
    public void Parse_Assignment_NameValueAndWords(string line, string name, string value, int words)
    {
        var (script, error) = ShellParser.Parse(line);

        Assert.Null(error);
        var command = script!.Lists[0].First.Commands[0];
        var assignment = Assert.Single(command.Assignments);
        Assert.Equal((name, value), (assignment.Name, assignment.Value.Text));
        Assert.Equal(words, command.Words.Count);
    }

    [Theory]
    [InlineData("echo X=1", 2)]
    [InlineData("'X'=1", 1)]
    [InlineData("9X=1", 1)]
    [InlineData("=1", 1)]
    public void Parse_NotAnAssignment_StaysAWord(string line, int words)
    {
        var (script, _) = ShellParser.Parse(line);

        var command = script!.Lists[0].First.Commands[0];
        Assert.Empty(command.Assignments);
        Assert.Equal(words, command.Words.Count);
    }
}
