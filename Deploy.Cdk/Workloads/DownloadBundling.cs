using System.Security.Cryptography;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;

namespace TracingLab.Deploy.Workloads;

/// <summary>One file an asset downloads at synthesis: its URL, its name in the asset, and optionally the URL of its
/// published SHA-256 (a file whose first word is the hex digest).</summary>
public sealed record Download(string Url, string File, string? Sha256Url = null);

/// <summary>
/// Downloads files at synthesis time, on the deployer's machine (which has internet access), so CDK ships them as a
/// file asset to the stack's own asset bucket in the stack's region, which the lab's subnets reach through their S3
/// gateway endpoint. CDK calls <see cref="TryBundle"/> only for stacks it bundles, and keeps the result in cdk.out
/// under the asset's (version-keyed) hash, so each release is fetched once.
/// </summary>
public sealed class DownloadBundling(IReadOnlyList<Download> files) : DeputyBase, ILocalBundling
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        using var http = new HttpClient { Timeout = Timeout };
        foreach (var file in files)
        {
            var path = Path.Combine(outputDir, file.File);
            Fetch(http, file.Url, path);
            if (file.Sha256Url is not null)
            {
                var published = Text(http, file.Sha256Url).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
                using var stream = File.OpenRead(path);
                var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
                if (!string.Equals(published, actual, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"{file.Url} has SHA-256 {actual}, but {file.Sha256Url} publishes '{published}'.");
                }
            }
        }

        return true;
    }

    private static void Fetch(HttpClient http, string url, string path)
    {
        using var response = Get(http, url);
        using var source = response.Content.ReadAsStream();
        using var target = File.Create(path);
        source.CopyTo(target);
    }

    private static string Text(HttpClient http, string url)
    {
        using var response = Get(http, url);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        return reader.ReadToEnd();
    }

    private static HttpResponseMessage Get(HttpClient http, string url)
    {
        var response = http.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new InvalidOperationException(
                $"downloading {url} for a stack asset failed with HTTP {(int)response.StatusCode}; synthesizing the lab stack " +
                "needs internet access once per pinned version (the result is cached in cdk.out).");
        }

        return response;
    }
}
