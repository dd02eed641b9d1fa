using TracingLab.XRay.Translation;

namespace TracingLab.XRay.Tests;

/// <summary>Python, JavaScript and Go stack traces read as the exporter's cause.go reads them, each test naming the
/// cause_test.go test it follows; the traces are the lab's own.</summary>
public class StackTraceParityTests
{
    private static List<ExceptionInfo> Parse(string language, string stack)
    {
        var n = 0;
        List<ExceptionInfo> exceptions = [new("e0", "Error", "boom", true, [])];
        StackTraces.Fill(language, stack, exceptions, () => "e" + ++n);
        return exceptions;
    }

    private const string PythonOrders =
        "Traceback (most recent call last):\n" +
        "  File \"app.py\", line 30, in <module>\n" +
        "    place_order(cart)\n" +
        "  File \"orders.py\", line 8, in place_order\n" +
        "    total = price(item) * qty\n" +
        "KeyError: 'sku-9'";

    // cause_test.go TestParseExceptionWithPythonStacktraceNoCause: frames innermost first.
    [Fact]
    public void PythonFramesAreReadInnermostFirst()
    {
        var frames = Assert.Single(Parse("python", PythonOrders)).Stack;

        Assert.Equal([new StackFrameInfo("orders.py", "place_order", 8), new StackFrameInfo("app.py", "<module>", 30)], frames);
    }

    private const string PythonChained =
        "Traceback (most recent call last):\n" +
        "  File \"stock.py\", line 3, in lookup\n" +
        "    return table[sku]\n" +
        "  File \"cache.py\", line 21, in get\n" +
        "    raise LookupError(key)\n" +
        "LookupError: sku-9\n" +
        "not in the cache\n" +
        "\n" +
        "During handling of the above exception, another exception occurred:\n" +
        "\n" +
        PythonOrders;

    // cause_test.go TestParseExceptionWithPythonStacktraceAndCause / ...AndMultiLineCause: the exception being handled
    // becomes a second exception, named by the first in "cause", with its own frames and its whole message.
    [Fact]
    public void PythonHandledExceptionBecomesTheCause()
    {
        var exceptions = Parse("python", PythonChained);

        Assert.Equal(2, exceptions.Count);
        Assert.Equal(exceptions[1].Id, exceptions[0].Cause);
        Assert.Equal("LookupError", exceptions[1].Type);
        Assert.Equal("sku-9\nnot in the cache", exceptions[1].Message);
        Assert.Equal([new StackFrameInfo("cache.py", "get", 21), new StackFrameInfo("stock.py", "lookup", 3)], exceptions[1].Stack);
        Assert.Equal(2, exceptions[0].Stack.Count);
    }

    // cause_test.go TestParseExceptionWithPythonStacktraceMalformedLines: a frame line without its second comma is
    // skipped, a bad "line" gives 0, a bad "in" gives an empty label.
    [Fact]
    public void PythonMalformedFrameLinesGiveWhatTheyCan()
    {
        var stack = "Traceback (most recent call last):\n" +
            "  File \"app.py\", line 30 in <module>\n    x\n" +
            "  File \"app.py\", lin 31, in <module>\n    x\n" +
            "  File \"app.py\", line 32, on <module>\n    x\n" +
            "  File \"orders.py\", line 8, in place_order\n    x\n" +
            "KeyError: 'sku-9'";

        var frames = Assert.Single(Parse("python", stack)).Stack;

        Assert.Equal([new StackFrameInfo("orders.py", "place_order", 8), new StackFrameInfo("app.py", "", 32),
            new StackFrameInfo("app.py", "<module>", 0)], frames);
    }

    // cause_test.go TestParseExceptionWithPythonStacktraceAndMalformedCause / ...MalformedCauseMessage: a handled
    // exception without frames or without "Type: message" is not chained.
    [Theory]
    [InlineData("Traceback (most recent call last):\nLookupError: sku-9\n\n")]
    [InlineData("Traceback (most recent call last):\n  File \"cache.py\", line 21, in get\n    raise\nLookupError sku-9\n\n")]
    public void PythonMalformedCauseIsNotChained(string handled)
    {
        var stack = handled + "During handling of the above exception, another exception occurred:\n\n" + PythonOrders;

        var exception = Assert.Single(Parse("python", stack));

        Assert.Equal(2, exception.Stack.Count);
    }

    // cause_test.go TestParseExceptionWithJavaScriptStacktrace: "at label (path:line:column)", "at path:line:column",
    // native frames; the label keeps the space before "(".
    [Fact]
    public void JavaScriptFramesWithAndWithoutLabels()
    {
        var stack = "TypeError: price is undefined\n" +
            "    at total (/srv/cart.js:14:9)\n" +
            "    at /srv/server.js:40:2\n" +
            "    at Array.map (native)\n" +
            "    at native";

        var frames = Assert.Single(Parse("nodejs", stack)).Stack;

        Assert.Equal([new StackFrameInfo("/srv/cart.js", "total ", 14), new StackFrameInfo("/srv/server.js", "", 40),
            new StackFrameInfo("native", "Array.map ", 0), new StackFrameInfo("native", "", 0)], frames);
    }

    // cause_test.go TestParseExceptionWithStacktraceNotJavaScript: another (or no) language reads no frames.
    [Fact]
    public void JavaScriptTraceOfAnotherLanguageGivesNoFrames() =>
        Assert.Empty(Assert.Single(Parse("", "TypeError: x\n    at total (/srv/cart.js:14:9)")).Stack);

    // cause_test.go TestParseExceptionWithJavaScriptStacktraceMalformedLines: a path without line gives 0, lines
    // with text after ")" or without ")" are skipped.
    [Fact]
    public void JavaScriptMalformedLinesAreSkipped()
    {
        var stack = "TypeError: x\n    at total (/srv/cart.js)\n    at sum (/srv/cart.js:5:3)junk\n    at add (/srv/cart.js:10";

        Assert.Equal([new StackFrameInfo("/srv/cart.js", "total ", 0)], Assert.Single(Parse("javascript", stack)).Stack);
    }

    private const string GoPanic =
        "goroutine 7 [running]:\n" +
        "lab/inventory.(*Store).Reserve(0xc000010000, 0x2a)\n" +
        "\t/src/inventory/store.go:88 +0x1d\n" +
        "lab/inventory.handler(0xc000020000)\n" +
        "\t/src/inventory/http.go:41 +0x5f\n" +
        "goroutine 9 [running]:\n" +
        "net/http.(*conn).serve(0xc000030000)\n" +
        "\t/usr/lib/go/src/net/http/server.go:2039 +0x2c5\n" +
        "created by net/http.(*Server).Serve\n" +
        "\t/usr/lib/go/src/net/http/server.go:3285 +0x4b4";

    // cause_test.go TestParseExceptionGoWithStacktrace / TestParseMultipleExceptionGoWithStacktrace: function and
    // location pairs, across goroutines, "created by" included.
    [Fact]
    public void GoFramesPairFunctionAndLocationAcrossGoroutines()
    {
        var frames = Assert.Single(Parse("go", GoPanic)).Stack;

        Assert.Equal(4, frames.Count);
        Assert.Equal(new StackFrameInfo("/src/inventory/store.go", "lab/inventory.(*Store).Reserve(0xc000010000, 0x2a)", 88), frames[0]);
        Assert.Equal(new StackFrameInfo("/usr/lib/go/src/net/http/server.go", "net/http.(*conn).serve(0xc000030000)", 2039), frames[2]);
        Assert.Equal(new StackFrameInfo("/usr/lib/go/src/net/http/server.go", "created by net/http.(*Server).Serve", 3285), frames[3]);
    }

    // cause_test.go TestParseExceptionGoWithoutStacktrace: an empty trace adds nothing (and Causes skips it).
    [Fact]
    public void GoWithoutTraceHasNoFrames() => Assert.Empty(Assert.Single(Parse("go", "")).Stack);
}
