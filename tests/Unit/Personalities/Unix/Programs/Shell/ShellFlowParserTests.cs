using MachActors.Personalities.Unix.Programs.Shell;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs.Shell;

/// <summary>Compound commands, newlines and command substitution in the lexer and parser, without a machine.</summary>
public sealed class ShellFlowParserTests
{
    [Theory]
    [InlineData("if a; then b; fi", "if a ; then b ; fi ;")]
    [InlineData("if a\nthen b\n c\nelif d; then e; else f; fi", "if a ; then b ; c ; elif d ; then e ; else f ; fi ;")]
    [InlineData("while a; do b; done", "while a ; do b ; done ;")]
    [InlineData("until a\ndo\n b\ndone", "until a ; do b ; done ;")]
    [InlineData("for f in a 'b c' $X *.c; do echo $f; done", "for f in a 'b c' $X *.c ; do echo $f ; done ;")]
    [InlineData("for f\ndo echo $f; done", "for f ; do echo $f ; done ;")]
    [InlineData("for f in; do b; done", "for f in ; do b ; done ;")]
    [InlineData("for x in 1; do if a; then break; fi; done | wc > /o &", "for x in 1 ; do if a ; then break ; fi ; done | wc > /o &")]
    [InlineData("echo if then fi; fi=1", "echo if then fi ; fi=1 ;")]
    [InlineData("a &&\nb |\nc", "a && b | c ;")]
    [InlineData("#!/bin/sh\n# comment\n\necho a # b\necho c\n", "echo a ; echo c ;")]
    [InlineData("echo a \\\nb", "echo a b ;")]
    [InlineData("echo $(ls /) \"$(a | b)\" `c`", "echo $(ls /) \"$(a | b)\" $(c) ;")]
    [InlineData("echo $((1 + (2*3))) \"$((i+1))\" $( (a) )", "echo $((1 + (2*3))) \"$((i+1))\" $( (a) ) ;")]
    [InlineData("case $x in a*|b) echo A;; (c)\n echo C\n ;;\n *) ;; esac", "case $x in a* | b) echo A ; ;; c) echo C ; ;; *) ;; esac ;")]
    [InlineData("case x in\nesac; case y in a) b\nesac", "case x in esac ; case y in a) b ; ;; esac ;")]
    [InlineData("{ a; b; } > /o; (c | d) | e", "{ a ; b ; } > /o ; ( c | d ; ) | e ;")]
    [InlineData("f() { echo $1; }; g ()\n(h); f a", "f() { echo $1 ; } ; g() ( h ; ) ; f a ;")]
    [InlineData("f() if a; then b; fi > /o", "f() if a ; then b ; fi > /o ;")]
    [InlineData("! a | b && ! c", "! a | b && ! c ;")]
    [InlineData("echo ! { } esac", "echo '!' '{' '}' esac ;")]
    public void Parse_Compound_CanonicalForm(string text, string expected)
    {
        var (script, error) = ShellParser.Parse(text);

        Assert.Null(error);
        Assert.Equal(expected, script!.Render());
    }

    [Fact]
    public void Parse_If_ClausesAndElse()
    {
        var (script, _) = ShellParser.Parse("if a; then b; elif c; then d; else e; fi > /f");

        var command = Assert.Single(script!.Lists[0].First.Commands);
        var compound = Assert.IsType<ShellIf>(command.Compound);
        Assert.Equal(2, compound.Clauses.Count);
        Assert.Equal(["c"], compound.Clauses[1].Condition.Lists[0].First.Commands[0].Argv);
        Assert.Equal(["e"], compound.Else!.Lists[0].First.Commands[0].Argv);
        Assert.Empty(command.Words);
        Assert.Equal(new ShellRedirect(ShellTokenKind.Out, "/f"), Assert.Single(command.Redirects));
    }

    [Fact]
    public void Parse_For_NameAndWords()
    {
        var (script, _) = ShellParser.Parse("for i in a b; do echo $i; done");

        var compound = Assert.IsType<ShellFor>(script!.Lists[0].First.Commands[0].Compound);
        Assert.Equal("i", compound.Name);
        Assert.Equal(["a", "b"], compound.Words!.Select(w => w.Text));
        Assert.Single(compound.Body.Lists);
    }

    [Theory]
    [InlineData("if true; then", "syntax error: unexpected end of line", true)]
    [InlineData("if true; then echo a", "syntax error: unexpected end of line", true)]
    [InlineData("while true\ndo", "syntax error: unexpected end of line", true)]
    [InlineData("echo a |\n", "syntax error: unexpected end of line", true)]
    [InlineData("echo $(ls", "syntax error: unterminated $(", true)]
    [InlineData("echo `ls", "syntax error: unterminated `", true)]
    [InlineData("if true; then fi", "syntax error near 'fi'", false)]
    [InlineData("if ; then a; fi", "syntax error near ';'", false)]
    [InlineData("fi", "syntax error near 'fi'", false)]
    [InlineData("echo a; done", "syntax error near 'done'", false)]
    [InlineData("if a; then b; fi c", "syntax error near 'c'", false)]
    [InlineData("while a; b; done", "syntax error near 'done'", false)]
    [InlineData("for 1 in a; do b; done", "syntax error: bad for variable '1'", false)]
    [InlineData("for x in a do b; done", "syntax error near 'done'", false)]
    [InlineData("for x in a | b; do c; done", "syntax error near '|'", false)]
    [InlineData("a | then", "syntax error near 'then'", false)]
    [InlineData("case x in a) b;;", "syntax error: unexpected end of line", true)]
    [InlineData("case x a) b;; esac", "syntax error near 'a'", false)]
    [InlineData("case x in a b) c;; esac", "syntax error near 'b'", false)]
    [InlineData("case x in a) b; c) d;; esac", "syntax error near ')'", false)]
    [InlineData("{ a; }", null, false)]
    [InlineData("{ a }", "syntax error: unexpected end of line", true)]
    [InlineData("{ }", "syntax error near '}'", false)]
    [InlineData("( )", "syntax error near ')'", false)]
    [InlineData("(a", "syntax error: unexpected end of line", true)]
    [InlineData("a)", "syntax error near ')'", false)]
    [InlineData("a;; b", "syntax error near ';;'", false)]
    [InlineData("f() echo a", "syntax error near 'echo'", false)]
    [InlineData("if() { a; }", "syntax error near ')'", false)]
    [InlineData("! ! a", null, false)]
    public void Parse_BadCompound_ErrorAndWhetherMoreLinesCouldEndIt(string text, string? expected, bool incomplete)
    {
        var (script, error) = ShellParser.Parse(text, out var more);

        Assert.Equal(expected is null, script is not null);
        Assert.Equal(expected, error);
        Assert.Equal(incomplete, more);
    }

    [Fact]
    public void Tokenize_Newlines_AreTokens()
    {
        var (tokens, _) = ShellLexer.Tokenize("a\n\nb # c\n");

        Assert.Equal([ShellTokenKind.Word, ShellTokenKind.Newline, ShellTokenKind.Newline, ShellTokenKind.Word, ShellTokenKind.Newline], tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Tokenize_Substitutions_PiecesWithTheirCommandText()
    {
        var (tokens, error) = ShellLexer.Tokenize("x$(echo ')' \"(\" $(b))y\"$(c)\"`d \\` e`");

        Assert.Null(error);
        Assert.Equal(
            [new ShellWordPart("x", ShellQuote.None), new ShellWordPart("echo ')' \"(\" $(b)", ShellQuote.None) { Substitution = true },
             new ShellWordPart("y", ShellQuote.None), new ShellWordPart("c", ShellQuote.Double) { Substitution = true },
             new ShellWordPart("d ` e", ShellQuote.None) { Substitution = true }],
            Assert.Single(tokens).Word!.Parts);
    }

    [Fact]
    public void Parse_CaseGroupFunction_Structure()
    {
        var (script, _) = ShellParser.Parse("case $1 in a|b) x;; *) ;; esac; f() { y; }; ( z )");

        var @case = Assert.IsType<ShellCase>(script!.Lists[0].First.Commands[0].Compound);
        Assert.Equal("$1", @case.Word.Text);
        Assert.Equal(["a", "b"], @case.Items[0].Patterns.Select(p => p.Text));
        Assert.Empty(@case.Items[1].Body.Lists);
        var function = Assert.IsType<ShellFunction>(script.Lists[1].First.Commands[0].Compound);
        Assert.Equal("f", function.Name);
        Assert.False(Assert.IsType<ShellGroup>(function.Body.Compound).Subshell);
        Assert.True(Assert.IsType<ShellGroup>(script.Lists[2].First.Commands[0].Compound).Subshell);
    }

    [Fact]
    public void Parse_DeepNesting_ErrorNotStackOverflow()
    {
        string Groups(int n) => new string('(', n) + "a" + new string(')', n);

        Assert.Null(ShellParser.Parse(Groups(ShellParser.MaxNesting)).Error);
        Assert.Equal("syntax error: commands nested too deep", ShellParser.Parse(Groups(ShellParser.MaxNesting + 1)).Error);
        Assert.Equal("syntax error: commands nested too deep", ShellParser.Parse(string.Concat(Enumerable.Repeat("if { ", 50_000))).Error);
    }

    [Fact]
    public void Tokenize_Arithmetic_ExpressionPiece()
    {
        var (tokens, _) = ShellLexer.Tokenize("$((a + (b)))\"$((1))\"$((c)+(d))");

        Assert.Equal(
            [new ShellWordPart("a + (b)", ShellQuote.None) { Substitution = true, Arithmetic = true },
             new ShellWordPart("1", ShellQuote.Double) { Substitution = true, Arithmetic = true },
             new ShellWordPart("c)+(d", ShellQuote.None) { Substitution = true, Arithmetic = true }],
            Assert.Single(tokens).Word!.Parts);
    }

    [Fact]
    public void Parse_SubstitutionFirst_NotAnAssignmentNorAKeyword()
    {
        var (script, _) = ShellParser.Parse("$(echo X=1)");

        var command = script!.Lists[0].First.Commands[0];
        Assert.Empty(command.Assignments);
        Assert.Null(command.Compound);
        Assert.Single(command.Words);
    }
}
