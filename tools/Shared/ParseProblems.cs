using System.CommandLine;
using System.CommandLine.Parsing;

namespace TracingLab.Tools;

/// <summary>What a tool says for each kind of problem System.CommandLine finds, so each tool keeps its own words.</summary>
internal sealed record ParseWords(
    Func<string, string> UnknownFlag, Func<string, string> StrayValue, Func<OptionResult, string> MissingValue, Func<OptionResult, string> GivenTwice);

/// <summary>Turns a parse's errors into messages: unmatched tokens, missing or repeated values, and the validators' own.</summary>
internal static class ParseProblems
{
    public static List<string> Describe(ParseResult result, ParseWords words)
    {
        var problems = new List<string>();
        foreach (var token in result.UnmatchedTokens)
        {
            problems.Add(token.StartsWith('-') ? words.UnknownFlag(Echo.Quoted(token)) : words.StrayValue(Echo.Quoted(token)));
        }

        foreach (var error in result.Errors)
        {
            var option = error.SymbolResult switch
            {
                OptionResult o => o,
                ArgumentResult { Parent: OptionResult o } => o,
                _ => null,
            };
            if (option is null)
            {
                continue; // an unmatched token, said above
            }

            problems.Add(option.Tokens.Count switch
            {
                0 => words.MissingValue(option),
                > 1 => words.GivenTwice(option),
                _ => error.Message,
            });
        }

        return [.. problems.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>"given twice ('1' and '2')", or "given 3 times (...)".</summary>
    public static string Repeats(OptionResult option) =>
        $"given {(option.Tokens.Count == 2 ? "twice" : $"{option.Tokens.Count} times")} ({string.Join(" and ", option.Tokens.Select(t => Echo.Quoted(t.Value)))})";
}
