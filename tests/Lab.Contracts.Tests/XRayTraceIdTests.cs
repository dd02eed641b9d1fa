using System.Diagnostics;
using TracingLab.Contracts.Telemetry;

namespace Lab.Contracts.Tests;

public class XRayTraceIdTests
{
    [Fact]
    public void NewIdStartsWithTheEpochSecondsOfItsTime()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

        var id = XRayTraceId.New(now);

        Assert.Equal(now, id.Timestamp);
        Assert.StartsWith(now.ToUnixTimeSeconds().ToString("x8"), id.ToHex());
    }

    [Fact]
    public void NewIdsAreDistinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => XRayTraceId.New(DateTimeOffset.UtcNow).ToHex()).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [Fact]
    public void XRayFormRoundTrips()
    {
        var id = XRayTraceId.From(ActivityTraceId.CreateFromString("5759e988bd862e3fe1be46a994272793"));

        var text = id.ToXRay();

        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", text);
        Assert.True(XRayTraceId.TryParseExact(text, out var parsed));
        Assert.Equal(id, parsed);
        Assert.True(XRayTraceId.TryParseExact(id.ToHex(), out var fromHex));
        Assert.Equal(id, fromHex);
        Assert.Equal("5759e988bd862e3fe1be46a994272793", parsed.ToActivityTraceId().ToHexString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1-5759e988-bd862e3fe1be46a99427279")]
    [InlineData("2-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("1-5759E988-bd862e3fe1be46a994272793")]
    [InlineData("1_5759e988_bd862e3fe1be46a994272793")]
    [InlineData("1-00000000-000000000000000000000000")]
    [InlineData("zz59e988bd862e3fe1be46a994272793")]
    public void MalformedIdsAreRefusedInHeaders(string text)
    {
        Assert.False(XRayTraceId.TryParseExact(text, out _));
    }

    [Theory]
    [InlineData("1-5759E988-BD862E3FE1BE46A994272793")]
    [InlineData("5759E988bd862e3fe1be46a994272793")]
    public void WhatAUserPastesMayBeInAnyCase(string text)
    {
        Assert.True(XRayTraceId.TryParse(text, out var id));
        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", id.ToXRay());
        Assert.Equal("5759e988bd862e3fe1be46a994272793", id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1-00000000-000000000000000000000000")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("1-5759e988-bd862e3fe1be46a99427279z")]
    [InlineData("1-5759e988bd862e3fe1be46a994272793")]
    public void UserInputThatIsNoTraceIsRefused(string? text)
    {
        Assert.False(XRayTraceId.TryParse(text, out _));
    }

    [Fact]
    public void NormalizeChecksTheShapeOnlyAndWritesEitherFormInLowercase()
    {
        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", XRayTraceId.Normalize("5759E988BD862E3FE1BE46A994272793"));
        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", XRayTraceId.Normalize("1-5759E988-bd862e3fe1be46a994272793"));
        Assert.Equal("1-00000000-000000000000000000000000", XRayTraceId.Normalize("00000000000000000000000000000000"));
        Assert.Null(XRayTraceId.Normalize("not-a-trace"));
        Assert.Equal("5759e988bd862e3fe1be46a994272793", XRayTraceId.NormalizeToHex("1-5759E988-bd862e3fe1be46a994272793"));
        Assert.Null(XRayTraceId.NormalizeToHex("1-5759e988-bd862e3fe1be46a99427279"));
        Assert.True(XRayTraceId.IsXRayForm("1-00000000-000000000000000000000000"));
        Assert.False(XRayTraceId.IsXRayForm("00000000000000000000000000000000"));
    }

    [Fact]
    public void BytesRoundTripAndAWrongLengthIsNamed()
    {
        var bytes = Convert.FromHexString("5759e988bd862e3fe1be46a994272793");

        var id = XRayTraceId.FromBytes(bytes);
        Span<byte> utf8 = stackalloc byte[XRayTraceId.XRayLength];
        XRayTraceId.WriteXRayUtf8(bytes, utf8);

        Assert.Equal(bytes, id.ToBytes());
        Assert.Equal(0x5759e988, id.EpochSeconds);
        Assert.Equal(0x5759e988, XRayTraceId.EpochSecondsOf(bytes));
        Assert.Equal(id.ToXRay(), System.Text.Encoding.ASCII.GetString(utf8));
        Assert.False(XRayTraceId.TryFromBytes(new byte[16], out _));
        Assert.False(XRayTraceId.TryFromBytes(bytes.AsSpan(1), out _));
        var error = Assert.Throws<ArgumentException>(() => XRayTraceId.FromBytes(bytes.AsSpan(1)));
        Assert.StartsWith("A trace id has 16 bytes; got 15.", error.Message);
    }
}
