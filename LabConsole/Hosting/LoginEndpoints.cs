using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

using Microsoft.Extensions.Options;

namespace TracingLab.LabConsole.Hosting;

/// <summary>
/// Browser-token login with the Aspire dashboard's token: /login?t=&lt;token&gt; sets the auth cookie and redirects to the UI. A wrong token
/// gets a bare 401. Without a token the page shows a form to paste it.
/// </summary>
internal static class LoginEndpoints
{
    public const string LoginPath = "/login";

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginPath, LoginAsync).AllowAnonymous();
        endpoints.MapGet("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.Redirect(LoginPath);
        }).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, IOptions<LabConsoleOptions> options, string? t, string? returnUrl)
    {
        if (t is null)
        {
            return Results.Content(LoginForm(returnUrl), "text/html");
        }

        if (!Secrets.Matches(t, options.Value.BrowserToken))
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "lab-user")], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
        return Results.Redirect(target);
    }

    private static string LoginForm(string? returnUrl) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>TracingLab lab console · Log in</title>
        <style>
          body { font-family: "Segoe UI", system-ui, sans-serif; background: #f5f5f5; display: grid; place-items: center; height: 100vh; margin: 0; }
          form { background: #fff; padding: 32px; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.12); width: 380px; }
          h1 { font-size: 20px; margin: 0 0 8px; } p { color: #555; font-size: 14px; }
          input { width: 100%; box-sizing: border-box; padding: 8px; font-size: 14px; border: 1px solid #bbb; border-radius: 4px; margin: 8px 0 16px; }
          button { background: #0f6cbd; color: #fff; border: 0; border-radius: 4px; padding: 8px 20px; font-size: 14px; cursor: pointer; }
        </style></head>
        <body><form method="get" action="{{LoginPath}}">
          <h1>TracingLab lab console</h1>
          <p>Paste the Aspire dashboard's browser token, or open the lab console from the Aspire dashboard's resources page (its link carries the token).</p>
          <input type="password" name="t" aria-label="Browser token" autofocus>
          <input type="hidden" name="returnUrl" value="{{System.Net.WebUtility.HtmlEncode(returnUrl ?? "/")}}">
          <button type="submit">Log in</button>
        </form></body></html>
        """;
}
