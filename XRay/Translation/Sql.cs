using TracingLab.Otlp.Trace.V1;

namespace TracingLab.XRay.Translation;

/// <summary>sql.go: SQL database calls (by <c>db.system</c>) get an <c>sql</c> block, and their db.* attributes leave
/// metadata; other databases (redis, mongodb…) keep their attributes as metadata and get no block.</summary>
internal static class Sql
{
    private static readonly HashSet<string> SqlSystems = new(StringComparer.Ordinal)
    {
        "db2", "derby", "hive", "mariadb", "mssql", "mysql", "oracle", "postgresql", "sqlite", "teradata", "other_sql",
    };

    /// <summary>The system names of semconv 1.38 that count as SQL with the EmitV1DBConventions gate.</summary>
    private static readonly HashSet<string> SqlSystemsV1 = new(StringComparer.Ordinal) { "ibm.db2", "microsoft.sql_server", "oracle.db" };

    public static void Plan(Span span, SpanFacts f, SegmentPlan p)
    {
        p.HasSql = f.DbSystem is { } system
            && (SqlSystems.Contains(system) || (f.Gates.EmitV1DbConventions && SqlSystemsV1.Contains(system)));
        if (!p.HasSql)
        {
            return;
        }
        foreach (var index in f.DbIndexes)
        {
            f.Consume(index);
        }
        // The exporter files the span name as the URL (the connection string "is not useful" there) and keeps the
        // connection string's own format, "localhost" when there is none, followed by "/" and the database name.
        p.SqlUrl = span.Name;
        p.SqlConnectionString = (string.IsNullOrEmpty(f.SqlConnectionString) ? "localhost" : f.SqlConnectionString) + "/" + f.SqlInstance;
    }
}
