using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace TracingLab.LabConsole.Hosting;

/// <summary>Every page needs the browser-token cookie, unless the Aspire dashboard (and so the console) runs open.</summary>
internal sealed class ConsoleAuthorization(IOptions<LabConsoleOptions> options) : IConfigureOptions<AuthorizationOptions>
{
    public void Configure(AuthorizationOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        if (!options.Value.AllowAnonymous)
        {
            auth.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        }
    }
}
