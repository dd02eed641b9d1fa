using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.XRay.Translation;

namespace TracingLab.XRay.Benchmarks;

/// <summary>
/// Translation throughput next to OTLP protobuf decoding alone, per span (OperationsPerInvoke = 512), so the
/// mean time per operation is the cost of one span; spans/s = 1 s / mean.
/// </summary>
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    private byte[] _payload = [];
    private ExportTraceServiceRequest _decoded = new();
    private readonly XRayTranslator _translator = new();

    [GlobalSetup]
    public void Setup()
    {
        _payload = LabBatch.Create().ToByteArray();
        _decoded = ExportTraceServiceRequest.Parser.ParseFrom(_payload);
        var results = _translator.Translate(_decoded);
        if (results.Count != LabBatch.SpanCount || results.Any(r => !r.IsAccepted))
        {
            throw new InvalidOperationException($"setup: expected {LabBatch.SpanCount} accepted documents, got {results.Count(r => r.IsAccepted)} of {results.Count}");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = LabBatch.SpanCount)]
    public int DecodeOtlp() => ExportTraceServiceRequest.Parser.ParseFrom(_payload).ResourceSpans.Count;

    [Benchmark(OperationsPerInvoke = LabBatch.SpanCount)]
    public int TranslateDecoded() => _translator.Translate(_decoded).Count;

    /// <summary>Translation plus decoding every document to a .NET string (the translator keeps UTF-8, as X-Ray
    /// receives it; <c>SpanTranslation.Document</c> decodes on first read): the cost for a caller that wants strings.</summary>
    [Benchmark(OperationsPerInvoke = LabBatch.SpanCount)]
    public int TranslateDecodedAsStrings()
    {
        var length = 0;
        foreach (var t in _translator.Translate(_decoded))
        {
            length += t.Document?.Length ?? 0;
        }
        return length;
    }

    [Benchmark(OperationsPerInvoke = LabBatch.SpanCount)]
    public int DecodeAndTranslate() => _translator.Translate(ExportTraceServiceRequest.Parser.ParseFrom(_payload)).Count;
}
