using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using TracingLab.Contracts.LinksFeed;
using TracingLab.Relay.Faults;

namespace TracingLab.Relay;

/// <summary>
/// One relayed connection: the consumer's accepted socket and a new socket to the provider, bound to the address the
/// provider must see. Each direction is a pump; a delayed direction is a reader feeding a bounded delay line and a
/// writer that sends each chunk at its due time, in order. A half-close travels through the delay like data.
/// The relay's faults act per chunk: a blackhole holds it, a reset ends the connection with an RST, latency, jitter,
/// loss and a bandwidth cap make it due later (see docs/faults.md).
/// </summary>
internal sealed partial class RelayedConnection(TcpRelay relay, Socket client) : IDisposable
{
    private const int ChunkSize = 16 * 1024;

    // At most this many chunks wait in one direction's delay line; the reader then stops reading (TCP backpressure).
    private const int DelayLineDepth = 64;

    private readonly Socket _client = client;
    private readonly Socket _provider = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _closing = CancellationTokenSource.CreateLinkedTokenSource(relay.Stopping);
    private readonly ConnectionDraws _draws = new();
    private int _aborted;

    // For the other part of the class (RelayedConnection.Hold.cs), where the constructor's parameters are not in scope.
    private TcpRelay Relay => relay;

    public async Task RunAsync()
    {
        try
        {
            await RelayAsync().ConfigureAwait(false);
        }
        finally
        {
            Abort();
            _closing.Dispose();
        }
    }

    private async Task RelayAsync()
    {
        _client.NoDelay = true;
        _provider.NoDelay = true;
        FlowCounter? up = null;
        FlowCounter? down = null;
        byte[]? early;
        try
        {
            var caller = ((IPEndPoint)_client.RemoteEndPoint!).Address;
            if (OperatingSystem.IsLinux())
            {
                // IP_BIND_ADDRESS_NO_PORT: choose the source port at connect time, per destination, so binding the
                // source address does not make every relay share one pool of ephemeral ports.
                _provider.SetRawSocketOption(0, 24, [1, 0, 0, 0]);
            }

            // A blackhole takes the SYN (or the SYN-ACK) away: the caller's connection is held, never connected
            // upstream, until the fault is cleared or the caller gives up.
            early = await HoldNewConnectionAsync().ConfigureAwait(false);
            if (early is null)
            {
                Abort();
                return;
            }

            // Peering and tgw preserve the caller's address; privatelink shows the NLB's.
            _provider.Bind(new IPEndPoint(relay.Spec.SourceAddress ?? caller, 0));
            await _provider.ConnectAsync(relay.Spec.Target, _closing.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Provider down (or the lab stopping): the consumer sees its connection closed, as behind a real link.
            Abort();
            return;
        }

        try
        {
            var seen = (IPEndPoint)_provider.LocalEndPoint!;
            var target = relay.Spec.Target;
            // Captured at the provider's interface: the source is what the provider sees.
            up = new FlowCounter(relay.Flows, Record(seen, target));
            down = new FlowCounter(relay.Flows, Record(target, seen));
            await Task.WhenAll(PumpAsync(_client, _provider, up, toProvider: true, early), PumpAsync(_provider, _client, down, toProvider: false, []))
                .ConfigureAwait(false);
        }
        finally
        {
            up?.Close();
            down?.Close();
            Abort();
        }
    }

    public void Dispose() => Abort();

    /// <summary>Closes both sockets; pending pumps and held chunks end.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) == 0)
        {
            try
            {
                _closing.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The connection already finished.
            }

            _client.Dispose();
            _provider.Dispose();
        }
    }

    /// <summary>Ends the connection with an RST both ways (linger 0 makes close send RST instead of FIN).</summary>
    public void Reset()
    {
        if (Volatile.Read(ref _aborted) == 0)
        {
            relay.CountReset();
            foreach (var socket in new[] { _client, _provider })
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    // Not connected yet or already closed: closing it is all that is left.
                }
            }
        }

        Abort();
    }

    private FlowRecord Record(IPEndPoint source, IPEndPoint destination) => new(
        relay.Spec.InterfaceId, relay.Spec.Link, relay.Spec.Consumer, relay.Spec.Provider,
        source.Address.ToString(), source.Port, destination.Address.ToString(), destination.Port, Protocol: 6,
        Packets: 0, Bytes: 0, Start: default, End: default);

    private async Task PumpAsync(Socket from, Socket to, FlowCounter flow, bool toProvider, byte[] early)
    {
        var profile = relay.Profile;
        var schedule = new DelaySchedule(relay.Time, profile.DelayMs, profile.JitterMs, Random.Shared);
        try
        {
            if (schedule.IsImmediate)
            {
                await CopyAsync(from, to, flow, toProvider, early).ConfigureAwait(false);
            }
            else
            {
                await DelayedCopyAsync(from, to, flow, toProvider, schedule, early).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or ChannelClosedException)
        {
            // A reset on either side ends the whole connection, as a router would pass the RST along.
            Abort();
        }
    }

    private async Task CopyAsync(Socket from, Socket to, FlowCounter flow, bool toProvider, byte[] early)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        long carried = 0;
        try
        {
            while (true)
            {
                var read = await ReceiveAsync(from, buffer, ref early).ConfigureAwait(false);
                var faults = relay.FaultState;
                if (!faults.IsEmpty)
                {
                    // No delay line here: the chunk waits inline, which also stops reading (TCP backpressure).
                    if (CallerGaveUp(toProvider, read) || !await HoldAsync(toProvider).ConfigureAwait(false))
                    {
                        return;
                    }

                    var fate = faults.Decide(toProvider, read, carried, _draws);
                    if (fate.ResetBefore)
                    {
                        Reset();
                        return;
                    }

                    var due = Math.Max(relay.Time.GetTimestamp() + fate.ExtraTicks, fate.NotBefore);
                    relay.CountFaulted();
                    await relay.Waiter.WaitUntilAsync(due, _closing.Token).ConfigureAwait(false);
                    if (!await HoldAsync(toProvider).ConfigureAwait(false))
                    {
                        return;
                    }

                    if (read > 0)
                    {
                        await to.SendAsync(buffer.AsMemory(0, fate.Bytes), SocketFlags.None, _closing.Token).ConfigureAwait(false);
                        Count(flow, toProvider, fate.Bytes);
                        carried += fate.Bytes;
                    }

                    if (fate.ResetAfter)
                    {
                        Reset();
                        return;
                    }
                }
                else if (read > 0)
                {
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _closing.Token).ConfigureAwait(false);
                    Count(flow, toProvider, read);
                    carried += read;
                }

                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task DelayedCopyAsync(Socket from, Socket to, FlowCounter flow, bool toProvider, DelaySchedule schedule, byte[] early)
    {
        // Synchronous continuations: the writer picks a chunk up on the reader's thread instead of after a thread-pool hop.
        var line = Channel.CreateBounded<Chunk>(
            new BoundedChannelOptions(DelayLineDepth) { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
        var writer = WriteDueAsync(line, to, flow, toProvider);
        long carried = 0;
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int read;
                try
                {
                    read = await ReceiveAsync(from, buffer, ref early).ConfigureAwait(false);
                    // A blackhole holds the chunk before it enters the line; the reader stops reading meanwhile.
                    if (CallerGaveUp(toProvider, read) || !await HoldAsync(toProvider).ConfigureAwait(false))
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        break;
                    }
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                var fate = relay.FaultState.Decide(toProvider, read, carried, _draws);
                if (fate.ResetBefore)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    Reset();
                    break;
                }

                read = fate.Bytes;
                carried += read;

                if (!toProvider)
                {
                    // The provider's interface sees its answer leave now; the consumer gets it after the delay.
                    Count(flow, toProvider, read);
                }

                // Due from the moment of the read, fixed before the chunk is counted: a test that advances a fake
                // clock once it sees the count must not move the due time too.
                var due = schedule.Next(fate.ExtraTicks, fate.NotBefore);
                relay.CountDelayed();
                if (!relay.FaultState.IsEmpty)
                {
                    relay.CountFaulted();
                }

                await line.Writer.WriteAsync(new Chunk(buffer, read, due, fate.ResetAfter), _closing.Token).ConfigureAwait(false);
                if (read == 0 || fate.ResetAfter)
                {
                    break;
                }
            }
        }
        finally
        {
            line.Writer.TryComplete();
            await writer.ConfigureAwait(false);
        }
    }

    private async Task WriteDueAsync(Channel<Chunk> line, Socket to, FlowCounter flow, bool toProvider)
    {
        try
        {
            await foreach (var chunk in line.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    await relay.Waiter.WaitUntilAsync(chunk.Due, _closing.Token).ConfigureAwait(false);
                    // Chunks already in the line go silent too when a blackhole starts.
                    await relay.FaultState.WhileBlackholedAsync(toProvider, _closing.Token).ConfigureAwait(false);
                    if (chunk.Length == 0 && !chunk.ResetAfter)
                    {
                        to.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    await to.SendAsync(chunk.Buffer.AsMemory(0, chunk.Length), SocketFlags.None, _closing.Token).ConfigureAwait(false);
                    if (toProvider)
                    {
                        Count(flow, toProvider, chunk.Length);
                    }

                    if (chunk.ResetAfter)
                    {
                        Reset();
                        return;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Unblocks the reader if it waits for room in a full line.
            line.Writer.TryComplete();
            Abort();
        }
        finally
        {
            // Return the buffers of chunks that will never be sent.
            while (line.Reader.TryRead(out var left))
            {
                ArrayPool<byte>.Shared.Return(left.Buffer);
            }
        }
    }

    private void Count(FlowCounter flow, bool toProvider, int bytes)
    {
        if (bytes > 0)
        {
            flow.Add(bytes, relay.Time.GetUtcNow());
            relay.Counted(toProvider, bytes);
        }
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, long Due, bool ResetAfter);
}
