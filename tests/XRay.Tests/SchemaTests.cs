using TracingLab.XRay.Schema;

namespace TracingLab.XRay.Tests;

public class SchemaTests
{
    private const string Valid = """{"name":"servicea","id":"0000000000000001","trace_id":"1-6b02d904-afb0b1b2b3b4b5b6b7b8b9ba","start_time":1795348740.1,"end_time":1795348740.2}""";

    [Fact]
    public async Task MinimalDocumentIsValid() =>
        Assert.Empty((await SegmentDocumentValidator.GetAsync()).Validate(Valid));

    [Theory]
    [InlineData("\"trace_id\":\"1-6b02d904-afb0b1b2b3b4b5b6b7b8b9ba\",", "", "trace_id")]
    [InlineData("\"id\":\"0000000000000001\"", "\"id\":\"XYZ\"", "id")]
    [InlineData(",\"end_time\":1795348740.2", "", "end_time")]
    [InlineData("}", ",\"namespace\":\"local\"}", "namespace")]
    [InlineData("}", ",\"annotations\":{\"bad key\":1}}", "annotations")]
    [InlineData("}", ",\"http\":{\"response\":{\"status\":0}}}", "status")]
    [InlineData("\"name\":\"servicea\"", "\"name\":\"a<b>\"", "name")]
    public async Task BrokenDocumentIsReportedAtTheBadField(string find, string replace, string pathPart)
    {
        var violations = (await SegmentDocumentValidator.GetAsync()).Validate(Valid.Replace(find, replace));

        Assert.NotEmpty(violations);
        Assert.Contains(violations, v => v.Path.Contains(pathPart) || v.Description.Contains(pathPart));
    }

    [Fact]
    public async Task FiftyOneAnnotationsOrALongValueAreInvalid()
    {
        var validator = await SegmentDocumentValidator.GetAsync();
        var many = string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"k{i}\":{i}"));
        var longValue = new string('v', 1001);

        Assert.NotEmpty(validator.Validate(Valid.Replace("}", $",\"annotations\":{{{many}}}}}")));
        Assert.NotEmpty(validator.Validate(Valid.Replace("}", $",\"annotations\":{{\"k\":\"{longValue}\"}}}}")));
    }

    [Fact]
    public async Task InvalidJsonIsOneViolation() =>
        Assert.Single((await SegmentDocumentValidator.GetAsync()).Validate("{not json"));
}
