using System.CommandLine;

namespace TracingLab.Deploy.Configuration;

/// <summary>
/// Reads <c>-c key=value</c> pairs from the app's own command line (<c>dotnet run --project Deploy.Cdk -- -c links=tgw</c>),
/// as the CDK CLI accepts them. The CDK CLI itself passes context through <c>CDK_CONTEXT_JSON</c>, not arguments.
/// </summary>
public static class CommandLineContext
{
    private const string Allowed = "allowed: -c key=value (e.g. -c links=tgw,peering).";

    /// <exception cref="LabContextException">An argument is not in the form <c>-c key=value</c>.</exception>
    public static Dictionary<string, object> Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var option = new Option<string[]>("--context", "-c") { Description = "a context pair, key=value; repeat for more", AllowMultipleArgumentsPerToken = false };
        var bare = new Argument<string[]>("pairs") { Description = "context pairs given without -c", Arity = ArgumentArity.ZeroOrMore };
        // A plain command, not a RootCommand: the app has no --help or --version of its own; such a word is a bad pair.
        var root = new Command("Deploy.Cdk", "TracingLab's CDK app") { Options = { option }, Arguments = { bare } };
        var result = root.Parse([.. args], new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Errors.Count > 0)
        {
            throw new LabContextException($"{result.Errors[0].Message} {Allowed}");
        }

        var context = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var pair in (result.GetValue(option) ?? []).Concat(result.GetValue(bare) ?? []))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new LabContextException($"argument {Quoted(pair)} is not a context pair; {Allowed}");
            }

            context[pair[..eq]] = pair[(eq + 1)..];
        }

        return context;
    }

    private static string Quoted(string value) => value.Length <= 200 ? $"'{value}'" : $"'{value[..200]}…' ({value.Length} characters)";
}
