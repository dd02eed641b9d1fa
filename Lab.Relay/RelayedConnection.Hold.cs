using System.Net.Sockets;

namespace TracingLab.Relay;

/// <summary>
/// How a blackhole holds a connection: its bytes (or, for a new connection, the connection itself) wait until the
/// fault is cleared, while the caller is watched, so a caller that gives up is let go at once (docs/faults-grammar.md).
/// </summary>
internal sealed partial class RelayedConnection
{
    // The caller's first bytes, read while a blackhole held its new connection, go first; then the socket.
    private ValueTask<int> ReceiveAsync(Socket from, byte[] buffer, ref byte[] early)
    {
        if (early.Length == 0)
        {
            return from.ReceiveAsync(buffer, SocketFlags.None, _closing.Token);
        }

        early.CopyTo(buffer, 0);
        var length = early.Length;
        early = [];
        return ValueTask.FromResult(length);
    }

    /// <summary>
    /// True when the caller closed its end (<paramref name="read"/> is 0 from the caller) while a blackhole holds any
    /// direction: it timed out and gave up (HTTP clients do not half-close), so the connection is released rather than
    /// held until the fault is cleared.
    /// </summary>
    private bool CallerGaveUp(bool fromCaller, int read)
    {
        if (!fromCaller || read != 0 || !Relay.FaultState.IsBlackholed(null))
        {
            return false;
        }

        Abort();
        return true;
    }

    /// <summary>
    /// Waits while a blackhole covers <paramref name="toProvider"/>'s direction. Holding the caller's own bytes, it
    /// watches the caller meanwhile (nobody else reads from it): false, with the connection released, when the caller
    /// closes or resets its end before the fault is cleared.
    /// </summary>
    private async ValueTask<bool> HoldAsync(bool toProvider)
    {
        var faults = Relay.FaultState;
        if (!faults.IsBlackholed(toProvider))
        {
            return true;
        }

        if (!toProvider)
        {
            // The caller → callee pump reads the caller meanwhile and sees it go (CallerGaveUp).
            await faults.WhileBlackholedAsync(toProvider, _closing.Token).ConfigureAwait(false);
            return true;
        }

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        var gone = CallerGoneAsync(watching.Token);
        var held = faults.WhileBlackholedAsync(toProvider, _closing.Token).AsTask();
        if (await Task.WhenAny(held, gone).ConfigureAwait(false) == gone && await gone.ConfigureAwait(false))
        {
            Abort();
            return false;
        }

        try
        {
            await held.ConfigureAwait(false);
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
        }

        if (await gone.ConfigureAwait(false))
        {
            Abort();
            return false;
        }

        return true;
    }

    // Peeks, so nothing the caller sends is taken: 0 (FIN) or an error (RST) means it went; data, or the watch
    // ending, means nothing more can be told without reading.
    private async Task<bool> CallerGoneAsync(CancellationToken ct)
    {
        var probe = new byte[1];
        try
        {
            return await _client.ReceiveAsync(probe, SocketFlags.Peek, ct).ConfigureAwait(false) == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>
    /// Holds a new connection while any blackhole is active, reading what the caller sends meanwhile (up to a chunk)
    /// so that its close is seen behind its request. The bytes read, to be sent first once connected; null when the
    /// caller gave up (closed or reset) before the fault was cleared.
    /// </summary>
    private async Task<byte[]?> HoldNewConnectionAsync()
    {
        var faults = Relay.FaultState;
        if (!faults.IsBlackholed(null))
        {
            return [];
        }

        var early = new byte[ChunkSize];
        var length = 0;
        var held = faults.WhileBlackholedAsync(null, _closing.Token).AsTask();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        while (true)
        {
            if (length == early.Length)
            {
                // A full chunk unanswered: stop reading (backpressure) and wait for the fault to be cleared.
                await held.ConfigureAwait(false);
                return early;
            }

            var read = ReadEarlyAsync(early.AsMemory(length), watching.Token);
            if (await Task.WhenAny(held, read).ConfigureAwait(false) == held)
            {
                await held.ConfigureAwait(false);
                await watching.CancelAsync().ConfigureAwait(false);
            }

            var got = await read.ConfigureAwait(false);
            if (got == 0)
            {
                return null;
            }

            if (got > 0)
            {
                length += got;
            }

            if (held.IsCompleted)
            {
                await held.ConfigureAwait(false);
                return early[..length];
            }
        }
    }

    // Bytes read; 0 when the caller closed or reset its end; -1 when the watch ended first.
    private async Task<int> ReadEarlyAsync(Memory<byte> into, CancellationToken ct)
    {
        try
        {
            return await _client.ReceiveAsync(into, SocketFlags.None, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested && !_closing.IsCancellationRequested)
        {
            return -1;
        }
        catch (SocketException)
        {
            return 0;
        }
    }
}
