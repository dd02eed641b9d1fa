using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;

namespace TracingLab.Deploy.Workloads;

/// <summary>
/// Fetches the pinned ADOT collector rpm and its signing key at synthesis time, on the deployer's machine (which has
/// internet access), so CDK ships them as a file asset to the stack's own asset bucket. The instances then read them
/// through VPC C's S3 gateway endpoint in any region. AWS documents only the global URL of the rpm's bucket
/// (aws-otel-collector's release notes and "Build Collector as RPM"), never its region, and a gateway endpoint serves
/// only buckets of its own region: downloading from that bucket inside the VPC cannot be shown to work without NAT.
/// </summary>
public sealed class AdotRpmBundling : DeputyBase, ILocalBundling
{
    /// <summary>The rpm's file name inside the asset.</summary>
    public const string RpmFile = "aws-otel-collector.rpm";

    /// <summary>The signing key's file name inside the asset (what ADOT's install docs import before rpm --checksig).</summary>
    public const string KeyFile = "aws-otel-collector.gpg";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        using var http = new HttpClient { Timeout = Timeout };
        Fetch(http, LabImages.AdotRpmUrl, Path.Combine(outputDir, RpmFile));
        Fetch(http, LabImages.AdotKeyUrl, Path.Combine(outputDir, KeyFile));
        return true;
    }

    private static void Fetch(HttpClient http, string url, string path)
    {
        using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"downloading {url} for service C's ADOT asset failed with HTTP {(int)response.StatusCode}; synthesis needs internet access " +
                "for it (once: the asset is cached in cdk.out by version).");
        }

        using var source = response.Content.ReadAsStream();
        using var target = File.Create(path);
        source.CopyTo(target);
    }
}
