using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TracingLab.Contracts.LinksFeed;
using TracingLab.Relay.Faults;

namespace TracingLab.Relay;

/// <summary>
/// A pure TCP relay emulating one link between a consumer and a provider: it listens on 127.0.0.1 and an ephemeral
/// port and forwards bytes both ways without parsing them, so, like the real links, it is invisible to tracing.
/// </summary>
public sealed partial class TcpRelay : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<RelayedConnection> _connections = [];
    private readonly Lock _lock = new();
    private readonly Task _accepting;
    private long _accepted;
    private long _toProvider;
    private long _toConsumer;
    private long _delayedChunks;
    private long _resets;
    private long _faultedChunks;
    private volatile LinkProfile _profile;
    private volatile bool _isOn = true;
    private IPEndPoint? _front;

    private TcpRelay(RelaySpec spec, Socket listener, TimeProvider time, FlowStore flows, ILogger log, Random random)
    {
        Spec = spec;
        _profile = spec.Profile;
        _listener = listener;
        Time = time;
        Flows = flows;
        Log = log;
        ListenEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        Waiter = time == TimeProvider.System ? PreciseWaiter.Shared : new TimeProviderWaiter(time);
        FaultState = new FaultState(time, random);
        _accepting = AcceptLoopAsync();
    }

    /// <summary>What this relay emulates.</summary>
    public RelaySpec Spec { get; }

    /// <summary>Where consumers connect.</summary>
    public IPEndPoint ListenEndPoint { get; }

    /// <summary>Where consumers connect: <see cref="ListenEndPoint"/>, or the HTTP hop in front of the relay (lattice).</summary>
    public IPEndPoint ConsumerEndPoint => _front ?? ListenEndPoint;

    /// <summary>The consumers' address as a URL, for service discovery.</summary>
    public Uri Url => new($"http://{ConsumerEndPoint}");

    /// <summary>The address the provider sees as its caller, e.g. 127.0.1.2 for privatelink; "caller" means the consumer's own.</summary>
    public string SourceAddress => Spec.SourceAddress?.ToString() ?? "127.0.0.1";

    /// <summary>The delay and jitter now: the spec's, until <see cref="SetProfile"/> replaces them.</summary>
    public LinkProfile Profile => _profile;

    /// <summary>False while the link is switched off: connections are refused with a reset, as a removed route drops them.</summary>
    public bool IsOn => _isOn;

    /// <summary>Chunks that went through a delay line (0 for peering, which forwards straight away).</summary>
    public long DelayedChunks => Interlocked.Read(ref _delayedChunks);

    internal TimeProvider Time { get; }

    internal IDelayWaiter Waiter { get; }

    internal FlowStore Flows { get; }

    internal ILogger Log { get; }

    internal CancellationToken Stopping => _stopping.Token;

    internal FaultState FaultState { get; }

    /// <summary>
    /// Starts a relay for <paramref name="spec"/> on 127.0.0.1 and an ephemeral port. It logs to <paramref name="log"/>
    /// (the AppHost passes its link resource's logger, so the dashboard shows the lines under the link). Faults draw
    /// their chances from <paramref name="random"/> (a seeded one in tests).
    /// </summary>
    public static TcpRelay Start(RelaySpec spec, TimeProvider? time = null, FlowStore? flows = null, ILogger? log = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new TcpRelay(spec, listener, time ?? TimeProvider.System, flows ?? new FlowStore(), log ?? NullLogger.Instance, random ?? Random.Shared);
    }

    /// <summary>The relay now, as the dashboard shows it.</summary>
    public RelaySnapshot Snapshot()
    {
        int active;
        lock (_lock)
        {
            active = _connections.Count;
        }

        return new RelaySnapshot(
            Spec.Link, Spec.Consumer, Spec.Provider, ConsumerEndPoint.ToString(), Spec.Target.ToString(), SourceAddress,
            Profile.DelayMs, Profile.JitterMs, Spec.Path, Profile.Source,
            Interlocked.Read(ref _accepted), active, Interlocked.Read(ref _toProvider), Interlocked.Read(ref _toConsumer), IsOn,
            [.. Faults.Select(f => new ActiveFault(f.Kind, f.Description))]);
    }

    /// <summary>
    /// Switches the link off: open connections are reset (so a pooled keep-alive connection cannot carry on) and new
    /// ones are reset as soon as they are accepted. The listener stays bound, so the port is kept for switching on.
    /// </summary>
    public void SwitchOff()
    {
        _isOn = false;
        ResetConnections();
    }

    /// <summary>Switches the link back on; the next connection is relayed again.</summary>
    public void SwitchOn() => _isOn = true;

    /// <summary>The faults active now, in the order they were injected.</summary>
    public IReadOnlyList<RelayFault> Faults => FaultState.Faults;

    /// <summary>Connections this relay reset because of a fault.</summary>
    public long Resets => Interlocked.Read(ref _resets);

    /// <summary>
    /// Adds <paramref name="fault"/> to the active faults; open connections feel it from their next chunk (a blackhole
    /// also holds chunks already waiting in a delay line). Safe to call while traffic flows.
    /// </summary>
    public void Inject(RelayFault fault)
    {
        FaultState.Inject(fault);
        LogInjected(Log, Spec.Consumer, Spec.Provider, fault.Description);
    }

    /// <summary>
    /// Removes <paramref name="fault"/> if that instance is active, else one active fault equal to it; false when
    /// none was active.
    /// </summary>
    public bool Clear(RelayFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var removed = FaultState.Remove(fault);
        if (removed)
        {
            LogCleared(Log, Spec.Consumer, Spec.Provider, fault.Description);
        }

        return removed;
    }

    /// <summary>Removes every fault: held bytes flow again and new connections are relayed.</summary>
    public void ClearFaults()
    {
        if (!FaultState.IsEmpty)
        {
            FaultState.Clear();
            LogCleared(Log, Spec.Consumer, Spec.Provider, "all faults");
        }
    }

    /// <summary>Replaces the delay and jitter. Open connections are reset so every request after this sees the new profile.</summary>
    public void SetProfile(LinkProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _profile = profile;
        ResetConnections();
    }

    /// <summary>Stops listening and closes every relayed connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        ResetConnections();

        // _stopping stays undisposed: connections still closing read its token.
        await _accepting.ConfigureAwait(false);
    }

    private void ResetConnections()
    {
        RelayedConnection[] open;
        lock (_lock)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            connection.Abort();
        }
    }

    /// <summary>Puts an HTTP hop (<see cref="Lattice.LatticeHop"/>) in front: consumers connect to it, it connects here.</summary>
    internal void FrontedBy(IPEndPoint front) => _front = front;

    internal void Counted(bool toProvider, int bytes) =>
        Interlocked.Add(ref toProvider ? ref _toProvider : ref _toConsumer, bytes);

    internal void CountDelayed() => Interlocked.Increment(ref _delayedChunks);

    internal void CountReset() => Interlocked.Increment(ref _resets);

    /// <summary>Chunks whose due time faults have set (tests wait for it before moving a fake clock).</summary>
    internal long FaultedChunks => Interlocked.Read(ref _faultedChunks);

    internal void CountFaulted() => Interlocked.Increment(ref _faultedChunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Consumer} → {Provider}: fault injected: {Fault}")]
    private static partial void LogInjected(ILogger logger, string consumer, string provider, string fault);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Consumer} → {Provider}: fault cleared: {Fault}")]
    private static partial void LogCleared(ILogger logger, string consumer, string provider, string fault);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset before accept completed; keep serving the next one.
                continue;
            }

            if (!_isOn)
            {
                // Switched off: reset at once (linger 0), like a route that no longer exists, without counting a connection.
                client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            Interlocked.Increment(ref _accepted);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var connection = new RelayedConnection(this, client);
        lock (_lock)
        {
            _connections.Add(connection);
        }

        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _connections.Remove(connection);
            }
        }
    }
}
