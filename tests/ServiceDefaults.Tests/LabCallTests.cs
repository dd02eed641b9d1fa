using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TracingLab.ServiceDefaults.Lab;
using TracingLab.Testing;

namespace ServiceDefaults.Tests;

/// <summary>A callee's bad answers come back from <see cref="LabCall"/> as a 502 that names them, never as an exception.</summary>
public sealed class LabCallTests
{
    [Fact]
    public async Task A2xxWhoseBodyIsNotTheExpectedJsonIsA502NamingTheProviderAndLink()
    {
        await using var callee = await LoopbackHost.StartAsync(app =>
            app.MapGet("/lab/echo", () => Results.Text("{\"service\": \"servicec\", truncated", "application/json")));
        using var http = new HttpClient();

        var result = await LabCall.SendAsync<EchoReport>(
            http, "servicea", "servicec", Link(callee.Url), HttpMethod.Get, "/lab/echo", null, CancellationToken.None);

        Assert.Equal(LabCall.Unreachable, result.Status);
        Assert.Null(result.Body);
        Assert.Contains("servicec answered 200 over tgw with a body that is not the expected JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionResetInTheMiddleOfTheAnswerIsA502NamingTheProviderAndLink()
    {
        // Promises 400 bytes, sends 20, then resets: what a link switched off in the middle of an answer does.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serve = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[4096];
            await socket.ReceiveAsync(buffer);
            await socket.SendAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"service\": \"servi"));
            socket.LingerState = new LingerOption(true, 0); // close with RST
            socket.Close();
        });
        using var http = new HttpClient();

        var result = await LabCall.SendAsync<EchoReport>(
            http, "servicea", "servicec", Link(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}")),
            HttpMethod.Get, "/lab/echo", null, CancellationToken.None);
        await serve;

        Assert.Equal(LabCall.Unreachable, result.Status);
        Assert.Contains("servicec unreachable over tgw", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASocketErrorTheHandlerDoesNotWrapIsA502NamingTheProviderAndLink()
    {
        // SocketsHttpHandler reads a new connection's RemoteEndPoint after connecting; a link switched off in that
        // instant resets it first, and the SocketException (107, "Transport endpoint is not connected") escapes bare.
        using var http = new HttpClient(new Throwing(new SocketException((int)SocketError.NotConnected)));

        var result = await LabCall.SendAsync<EchoReport>(
            http, "servicea", "servicec", Link(new Uri("http://127.0.0.1:9")), HttpMethod.Get, "/lab/echo", null, CancellationToken.None);

        Assert.Equal(LabCall.Unreachable, result.Status);
        Assert.Contains("servicec unreachable over tgw", result.Error, StringComparison.Ordinal);
    }

    private sealed class Throwing(Exception e) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(e);
    }

    private static LinkChoice Link(Uri address) => new("tgw", address, null, ["tgw"]);
}
