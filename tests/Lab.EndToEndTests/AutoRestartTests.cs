using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;

namespace Lab.EndToEndTests;

[Collection("lab")]
public sealed class AutoRestartTests(AspireLab lab) : IClassFixture<AspireLab>
{
    [Fact]
    public async Task AKilledServiceIsStartedAgainAndItsRestartsAreCounted()
    {
        var pid = Convert.ToInt32(lab.Snapshot("servicec").Properties.Single(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);

        Process.GetProcessById(pid).Kill(entireProcessTree: true);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await lab.App.ResourceNotifications.WaitForResourceAsync(
            "servicec", e => e.Snapshot.Properties.Any(p => p.Name == "lab.restarts" && Equals(p.Value, 1)), cts.Token);
        await lab.App.ResourceNotifications.WaitForResourceHealthyAsync("servicec", cts.Token);
        var newPid = lab.Snapshot("servicec").Properties.Single(p => p.Name == "executable.pid").Value;
        Assert.NotEqual(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), newPid?.ToString());
        var (status, body) = await lab.HopsAsync("?via=peering");
        Assert.True(status == 200, $"{status}: {body}");
        Assert.Equal(KnownResourceStates.Running, lab.Snapshot("servicec").State?.Text);
    }
}
