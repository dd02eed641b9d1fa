using TracingLab.AspireTelemetry;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.LabConsole.Tests;

public class AspireAttributeTypesTests
{
    [Theory]
    [InlineData("http.response.status_code", "503", 503L)]
    [InlineData("http.status_code", "200", 200L)]
    [InlineData("server.port", "5102", 5102L)]
    [InlineData("http.response.body.size", "42", 42L)]
    [InlineData("lab.hop", "2", 2L)]
    public void KnownIntegersBecomeIntValues(string key, string text, long expected)
    {
        var value = AspireAttributeTypes.Retype(key, new AnyValue { StringValue = text });

        Assert.Equal(AnyValue.ValueOneofCase.IntValue, value.ValueCase);
        Assert.Equal(expected, value.IntValue);
    }

    [Theory]
    [InlineData("exception.escaped", "true")]
    [InlineData("order.id", "123")]
    [InlineData("http.response.status_code", "not a number")]
    public void BooleansAreRestoredAndEverythingElseStaysAString(string key, string text)
    {
        var value = AspireAttributeTypes.Retype(key, new AnyValue { StringValue = text });

        var expected = key == "exception.escaped" ? AnyValue.ValueOneofCase.BoolValue : AnyValue.ValueOneofCase.StringValue;
        Assert.Equal(expected, value.ValueCase);
    }

    [Fact]
    public void AspireAttributesAreDroppedFromSpansAndResources()
    {
        var span = new Span { Name = "GET" };
        span.Attributes.Add(new KeyValue { Key = "aspire.destination", Value = new AnyValue { StringValue = "serviceb" } });
        span.Attributes.Add(new KeyValue { Key = "peer.service", Value = new AnyValue { StringValue = "serviceb" } });
        var resource = new Resource();
        resource.Attributes.Add(new KeyValue { Key = "aspire.x", Value = new AnyValue { StringValue = "y" } });
        var rs = new ResourceSpans { Resource = resource, ScopeSpans = { new ScopeSpans { Spans = { span } } } };

        AspireAttributeTypes.Restore([rs]);

        Assert.Equal(["peer.service"], span.Attributes.Select(a => a.Key));
        Assert.Empty(resource.Attributes);
    }
}
