using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using TracingLab.Dashboard.Store;
using TracingLab.Otlp.Collector.Logs.V1;
using TracingLab.Otlp.Collector.Metrics.V1;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.Dashboard.Storage;

/// <summary>A stored run: one lifetime of the dashboard (one lab run).</summary>
public sealed record RunInfo(long Id, DateTimeOffset StartedAt, bool IsCurrent);

/// <summary>
/// Optional SQLite run history (--storage &lt;path&gt;). Each start of the dashboard is a new run; every accepted OTLP
/// request is appended to it as protobuf, off the request path, by one background writer. The last KeepRuns runs are
/// kept. A past run is viewed by replaying its requests into a separate, read-only store.
/// </summary>
public sealed partial class RunHistory : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Channel<(int Kind, byte[] Payload)> _pending = Channel.CreateUnbounded<(int, byte[])>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly TelemetryLimits _limits;
    private readonly ILogger<RunHistory> _logger;
    private readonly Lock _cacheLock = new();
    private (long RunId, TelemetryStore Store)? _cached;
    private long _unwritten;

    public RunHistory(DashboardOptions options, TelemetryStore current, ILogger<RunHistory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(current);
        _logger = logger;
        _limits = current.Limits;
        var path = Path.GetFullPath(options.StoragePath!);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS batches (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL, kind INTEGER NOT NULL, payload BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS batches_run ON batches (run_id, id);
            """);
        using (var insert = _connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO runs (started_at) VALUES ($started); SELECT last_insert_rowid();";
            insert.Parameters.AddWithValue("$started", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            CurrentRunId = (long)insert.ExecuteScalar()!;
        }

        Execute($"""
            DELETE FROM batches WHERE run_id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT {options.KeepRuns});
            DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT {options.KeepRuns});
            """);
        current.Accepted += Enqueue;
        _writer = Task.Run(WriteLoopAsync);
    }

    public long CurrentRunId { get; }

    public IReadOnlyList<RunInfo> ListRuns()
    {
        lock (_connection)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id, started_at FROM runs ORDER BY id DESC";
            using var reader = command.ExecuteReader();
            var runs = new List<RunInfo>();
            while (reader.Read())
            {
                runs.Add(new RunInfo(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetInt64(0) == CurrentRunId));
            }

            return runs;
        }
    }

    /// <summary>A past run, replayed into its own store (the last one loaded is cached); null if the run is unknown.</summary>
    public TelemetryStore? LoadRun(long runId)
    {
        lock (_cacheLock)
        {
            if (_cached is { } cached && cached.RunId == runId)
            {
                return cached.Store;
            }

            if (!ListRuns().Any(r => r.Id == runId))
            {
                return null;
            }

            var store = new TelemetryStore(_limits);
            lock (_connection)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT kind, payload FROM batches WHERE run_id = $run ORDER BY id";
                command.Parameters.AddWithValue("$run", runId);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var payload = (byte[])reader.GetValue(1);
                    _ = reader.GetInt32(0) switch
                    {
                        0 => store.AddTraces(ExportTraceServiceRequest.Parser.ParseFrom(payload)),
                        1 => store.AddLogs(ExportLogsServiceRequest.Parser.ParseFrom(payload)),
                        _ => store.AddMetrics(ExportMetricsServiceRequest.Parser.ParseFrom(payload)),
                    };
                }
            }

            _cached = (runId, store);
            return store;
        }
    }

    /// <summary>Waits until everything accepted so far is written (tests, shutdown).</summary>
    public async Task FlushAsync()
    {
        while (Interlocked.Read(ref _unwritten) > 0)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Enqueue(TelemetryKind kind, Func<byte[]> protobuf)
    {
        Interlocked.Increment(ref _unwritten);
        _pending.Writer.TryWrite(((int)kind, protobuf()));
    }

    private async Task WriteLoopAsync()
    {
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var written = 0;
            try
            {
                lock (_connection)
                {
                    using var transaction = _connection.BeginTransaction();
                    using var insert = _connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO batches (run_id, kind, payload) VALUES ($run, $kind, $payload)";
                    var run = insert.Parameters.Add("$run", SqliteType.Integer);
                    var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
                    var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
                    run.Value = CurrentRunId;
                    for (var n = 0; n < 256 && _pending.Reader.TryRead(out var item); n++)
                    {
                        kind.Value = item.Kind;
                        payload.Value = item.Payload;
                        insert.ExecuteNonQuery();
                        written++;
                    }

                    transaction.Commit();
                }
            }
            catch (SqliteException ex)
            {
                LogWriteFailed(_logger, ex);
            }
            finally
            {
                Interlocked.Add(ref _unwritten, -Math.Max(written, 1));
            }
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing telemetry to the run history failed; this batch is not stored")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
