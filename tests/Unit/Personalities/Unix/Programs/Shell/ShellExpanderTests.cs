using MachActors.Personalities.Unix.Programs.Shell;

namespace MachActors.Tests.Unit.Personalities.Unix.Programs.Shell;

/// <summary>Parameter expansion and field splitting without a machine.</summary>
public sealed class ShellExpanderTests
{
    private static readonly Dictionary<string, string> Vars = new()
    {
        ["X"] = "hi",
        ["AB"] = "a b",
        ["SP"] = "  lead  trail ",
        ["G"] = "*.c",
        ["E"] = "",
        ["?"] = "3",
        ["$"] = "7",
        ["_u9"] = "u",
    };

    private static string? Lookup(string name) => Vars.GetValueOrDefault(name);

    private static IReadOnlyList<string> Fields(string line) =>
        [.. ShellLexer.Tokenize(line).Tokens.SelectMany(t => ShellExpander.Fields(t.Word!, Lookup)).Select(f => f.Text)];

    [Theory]
    [InlineData("$X \"$X\" '$X'", new[] { "hi", "hi", "$X" })]
    [InlineData("${X}y $Xy x$X", new[] { "hiy", "xhi" })]
    [InlineData("$? $$ ${?}", new[] { "3", "7", "3" })]
    [InlineData("$AB \"$AB\"", new[] { "a", "b", "a b" })]
    [InlineData("x$SP.", new[] { "x", "lead", "trail", "." })]
    [InlineData("$E \"$E\" '' $NOPE", new[] { "", "" })]
    [InlineData("\\$X \"\\$X\" $ a$ $/ ${ ${1x}", new[] { "$X", "$X", "$", "a$", "$/", "${", "${1x}" })]
    [InlineData("$_u9$X", new[] { "uhi" })]
    public void Fields_Word_ExpandedAndSplit(string line, string[] expected)
    {
        Assert.Equal(expected, Fields(line));
    }

    [Theory]
    [InlineData("${NOPE:-dflt} ${E:-e} ${X:-x} \"${NOPE:-a b}\"", new[] { "dflt", "e", "hi", "a b" })]
    [InlineData("${X:+set} ${E:+set} ${NOPE:+set}.", new[] { "set", "." })]
    [InlineData("${#X} ${#AB} ${#NOPE} ${#?}", new[] { "2", "3", "0", "1" })]
    [InlineData("${NOPE:-$X} ${NOPE:-${X}}x ${NOPE:-${E:-${X}}}", new[] { "hi", "hix", "hi" })]
    [InlineData("${X:?w} ${X-w} ${1X:-w}", new[] { "${X:?w}", "${X-w}", "${1X:-w}" })]
    public void Fields_ParameterForms_Expanded(string line, string[] expected)
    {
        Assert.Equal(expected, Fields(line));
    }

    [Fact]
    public void Text_AssignDefault_SetsOnlyWhenUnsetOrEmpty()
    {
        var set = new Dictionary<string, string>();
        var (tokens, _) = ShellLexer.Tokenize("${NOPE:=new}/${X:=other}/${E:=$X}");

        var text = ShellExpander.Text(tokens[0].Word!, Lookup, (name, value) => set[name] = value);

        Assert.Equal("new/hi/hi", text);
        Assert.Equal(new Dictionary<string, string> { ["NOPE"] = "new", ["E"] = "hi" }, set);
    }

    [Fact]
    public void Text_DeeplyNestedDefaults_OuterStaysNoStackOverflow()
    {
        string Nest(int n) => string.Concat(Enumerable.Repeat("${NOPE:-", n)) + "x" + new string('}', n);

        Assert.Equal("x", ShellExpander.Text(ShellLexer.Tokenize(Nest(ShellExpander.MaxBraceNesting + 1)).Tokens[0].Word!, Lookup));
        Assert.StartsWith("${NOPE:-", ShellExpander.Text(ShellLexer.Tokenize(Nest(100_000)).Tokens[0].Word!, Lookup), StringComparison.Ordinal);
    }

    [Fact]
    public void Pattern_Word_OneFieldQuotedCharactersInactive()
    {
        var (tokens, _) = ShellLexer.Tokenize("a*'*'\"$AB\"$G");

        var field = ShellExpander.Pattern(tokens[0].Word!, Lookup);

        Assert.Equal("a**a b*.c", field.Text);
        Assert.Equal([false, true, false, false, false, false, true, false, false], field.Active);
    }

    [Fact]
    public void Fields_GlobCharacters_ActiveOnlyWhenUnquoted()
    {
        var (tokens, _) = ShellLexer.Tokenize("a*'*'\"*\"\\*$G \"$G\"");

        var fields = tokens.SelectMany(t => ShellExpander.Fields(t.Word!, Lookup)).ToList();

        Assert.Equal("a*****.c", fields[0].Text);
        Assert.Equal([false, true, false, false, false, true, false, false], fields[0].Active);
        Assert.False(fields[1].IsPattern);
        Assert.Equal("*.c", fields[1].Text);
    }

    [Fact]
    public void Text_NoSplitNoGlob()
    {
        var (tokens, _) = ShellLexer.Tokenize("$AB*");

        Assert.Equal("a b*", ShellExpander.Text(tokens[0].Word!, Lookup));
    }

    [Theory]
    [InlineData("A", true)]
    [InlineData("_x1", true)]
    [InlineData("1x", false)]
    [InlineData("a-b", false)]
    [InlineData("", false)]
    public void IsName_Text_LettersDigitsUnderscore(string text, bool expected)
    {
        Assert.Equal(expected, ShellExpander.IsName(text));
    }

    [Theory]
    [InlineData("$# $1 $2 $3 ${1}", new[] { "a b", "c" }, new[] { "2", "a", "b", "c", "a", "b" })]
    [InlineData("$@ \"$@\" \"x$@y\"", new[] { "a b", "c" }, new[] { "a", "b", "c", "a b", "c", "xa b", "cy" })]
    [InlineData("\"$*\" $*", new[] { "a b", "c" }, new[] { "a b c", "a", "b", "c" })]
    [InlineData("\"$@\" $@ \"$*\"", new string[0], new[] { "" })]
    [InlineData("\"$@\"", new[] { "", "" }, new[] { "", "" })]
    public void Fields_PositionalParameters_OneFieldEachInQuotes(string line, string[] parameters, string[] expected)
    {
        string? Positional(string name) => name switch
        {
            "#" => parameters.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "@" => string.Join(ShellExpander.ParameterBreak, parameters),
            "*" => string.Join(' ', parameters),
            [>= '1' and <= '9'] when name[0] - '1' < parameters.Length => parameters[name[0] - '1'],
            _ => null,
        };

        var fields = ShellLexer.Tokenize(line).Tokens.SelectMany(t => ShellExpander.Fields(t.Word!, Positional)).Select(f => f.Text);

        Assert.Equal(expected, fields);
    }

    [Fact]
    public void Fields_SubstitutionOutput_SplitAndGlobbedUnquotedOnly()
    {
        var word = new ShellWord([
            new ShellWordPart("x", ShellQuote.None),
            new ShellWordPart("a  *.c $X", ShellQuote.None) { Substitution = true },
            new ShellWordPart(" q ", ShellQuote.Double) { Substitution = true },
        ]);

        var fields = ShellExpander.Fields(word, Lookup);

        Assert.Equal(["xa", "*.c", "$X q "], fields.Select(f => f.Text));
        Assert.True(fields[1].IsPattern);
        Assert.False(fields[2].IsPattern);
        Assert.Equal("xa  *.c $X q ", ShellExpander.Text(word, Lookup));
    }
}
