using System.Diagnostics;
using TracingLab.LinkCompare.Load;

namespace TracingLab.Lab.Benchmarks;

/// <summary>
/// The <see cref="FloorResponder"/> started as a process of its own (this benchmark with <c>--serve-floor</c>): a hop in
/// the lab wakes another process, which the in-process floor never does. Stopped when disposed, and by itself if the
/// benchmark dies (its standard input ends).
/// </summary>
internal sealed class FloorProcess(Process process, Uri address) : IAsyncDisposable
{
    public const string AddressPrefix = "floor listening on ";

    public Uri Address { get; } = address;

    /// <summary>
    /// <c>--serve-floor</c>: the responder alone in this process. Writes its address on the first line of standard output
    /// and stops when standard input ends (the benchmark closed it or exited).
    /// </summary>
    public static async Task<int> ServeAsync()
    {
        await using var floor = await FloorResponder.StartAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync(AddressPrefix + floor.Url);
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public static async Task<FloorProcess> StartAsync(CancellationToken cancel)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own executable is unknown.");
        var start = new ProcessStartInfo(self)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FloorProcess).Assembly.Location);
        }

        start.ArgumentList.Add("--serve-floor");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"'{self} --serve-floor' did not start.");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null || !line.StartsWith(AddressPrefix, StringComparison.Ordinal))
            {
                var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
                throw new InvalidOperationException($"The floor process did not give its address; it printed '{line}' {error}".TrimEnd());
            }

            return new FloorProcess(process, new Uri(line[AddressPrefix.Length..]));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }
}
