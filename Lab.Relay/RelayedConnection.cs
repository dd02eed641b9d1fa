using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using TracingLab.Contracts.LinksFeed;

namespace TracingLab.Relay;

/// <summary>
/// One relayed connection: the consumer's accepted socket and a new socket to the provider, bound to the address the
/// provider must see. Each direction is a pump; a delayed direction is a reader feeding a bounded delay line and a
/// writer that sends each chunk at its due time, in order. A half-close travels through the delay like data.
/// </summary>
internal sealed class RelayedConnection(TcpRelay relay, Socket client) : IDisposable
{
    private const int ChunkSize = 16 * 1024;

    // At most this many chunks wait in one direction's delay line; the reader then stops reading (TCP backpressure).
    private const int DelayLineDepth = 64;

    private readonly Socket _client = client;
    private readonly Socket _provider = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private int _aborted;

    public async Task RunAsync()
    {
        _client.NoDelay = true;
        _provider.NoDelay = true;
        FlowCounter? up = null;
        FlowCounter? down = null;
        try
        {
            var caller = ((IPEndPoint)_client.RemoteEndPoint!).Address;
            if (OperatingSystem.IsLinux())
            {
                // IP_BIND_ADDRESS_NO_PORT: choose the source port at connect time, per destination, so binding the
                // source address does not make every relay share one pool of ephemeral ports.
                _provider.SetRawSocketOption(0, 24, [1, 0, 0, 0]);
            }

            // Peering and tgw preserve the caller's address; privatelink shows the NLB's.
            _provider.Bind(new IPEndPoint(relay.Spec.SourceAddress ?? caller, 0));
            await _provider.ConnectAsync(relay.Spec.Target, relay.Stopping).ConfigureAwait(false);
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
            await Task.WhenAll(PumpAsync(_client, _provider, up, toProvider: true), PumpAsync(_provider, _client, down, toProvider: false))
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

    /// <summary>Closes both sockets; pending pumps end.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) == 0)
        {
            _client.Dispose();
            _provider.Dispose();
        }
    }

    private FlowRecord Record(IPEndPoint source, IPEndPoint destination) => new(
        relay.Spec.InterfaceId, relay.Spec.Link, relay.Spec.Consumer, relay.Spec.Provider,
        source.Address.ToString(), source.Port, destination.Address.ToString(), destination.Port, Protocol: 6,
        Packets: 0, Bytes: 0, Start: default, End: default);

    private async Task PumpAsync(Socket from, Socket to, FlowCounter flow, bool toProvider)
    {
        var profile = relay.Profile;
        var schedule = new DelaySchedule(relay.Time, profile.DelayMs, profile.JitterMs, Random.Shared);
        try
        {
            if (schedule.IsImmediate)
            {
                await CopyAsync(from, to, flow, toProvider).ConfigureAwait(false);
            }
            else
            {
                await DelayedCopyAsync(from, to, flow, toProvider, schedule).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or ChannelClosedException)
        {
            // A reset on either side ends the whole connection, as a router would pass the RST along.
            Abort();
        }
    }

    private async Task CopyAsync(Socket from, Socket to, FlowCounter flow, bool toProvider)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, relay.Stopping).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, relay.Stopping).ConfigureAwait(false);
                Count(flow, toProvider, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task DelayedCopyAsync(Socket from, Socket to, FlowCounter flow, bool toProvider, DelaySchedule schedule)
    {
        // Synchronous continuations: the writer picks a chunk up on the reader's thread instead of after a thread-pool hop.
        var line = Channel.CreateBounded<Chunk>(
            new BoundedChannelOptions(DelayLineDepth) { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
        var writer = WriteDueAsync(line, to, flow, toProvider);
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int read;
                try
                {
                    read = await from.ReceiveAsync(buffer, SocketFlags.None, relay.Stopping).ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (!toProvider)
                {
                    // The provider's interface sees its answer leave now; the consumer gets it after the delay.
                    Count(flow, toProvider, read);
                }

                // Due from the moment of the read, fixed before the chunk is counted: a test that advances a fake
                // clock once it sees the count must not move the due time too.
                var due = schedule.Next();
                relay.CountDelayed();
                await line.Writer.WriteAsync(new Chunk(buffer, read, due), relay.Stopping).ConfigureAwait(false);
                if (read == 0)
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
                    await relay.Waiter.WaitUntilAsync(chunk.Due, relay.Stopping).ConfigureAwait(false);
                    if (chunk.Length == 0)
                    {
                        to.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    await to.SendAsync(chunk.Buffer.AsMemory(0, chunk.Length), SocketFlags.None, relay.Stopping).ConfigureAwait(false);
                    if (toProvider)
                    {
                        Count(flow, toProvider, chunk.Length);
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

    private readonly record struct Chunk(byte[] Buffer, int Length, long Due);
}
