namespace TracingLab.Deploy.Configuration;

/// <summary>Reads <c>-c key=value</c> pairs from the command line, as the CDK CLI accepts them.</summary>
public static class CommandLineContext
{
    /// <exception cref="LabContextException">An argument is not in the form <c>-c key=value</c>.</exception>
    public static Dictionary<string, object> Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-c" or "--context" && i + 1 < args.Count)
            {
                arg = args[++i];
            }
            else if (arg.StartsWith("--context=", StringComparison.Ordinal))
            {
                arg = arg["--context=".Length..];
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new LabContextException($"argument '{arg}' is not a context pair; allowed: -c key=value (e.g. -c links=tgw,peering).");
            }

            context[arg[..eq]] = arg[(eq + 1)..];
        }

        return context;
    }
}
