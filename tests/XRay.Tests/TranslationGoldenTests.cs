using TracingLab.XRay.Schema;

namespace TracingLab.XRay.Tests;

public class TranslationGoldenTests
{
    [Theory]
    [MemberData(nameof(GoldenCases.Names), MemberType = typeof(GoldenCases))]
    public async Task DocumentMatchesGoldenFileAndSchema(string name)
    {
        var c = GoldenCases.Get(name);
        var result = Lab.Translator(c.Options).Translate(c.Span(), c.Resource());

        Assert.True(result.IsAccepted, $"'{name}' was rejected: {result.Rejection?.Message}");
        Golden.Match(name, result.Document);
        var violations = (await SegmentDocumentValidator.GetAsync()).Validate(result.Document);
        Assert.True(violations.Count == 0, $"'{name}' breaks the schema: " + string.Join("; ", violations.Select(v => $"{v.Path} {v.Kind}")));
    }

    [Fact]
    public void ThereAreAtLeastTwentyGoldenCases() => Assert.True(GoldenCases.All().Count() >= 20);
}
