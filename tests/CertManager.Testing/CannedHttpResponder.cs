using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CertManager.Testing;

/// <summary>
/// A hand-written HTTP/1.1 responder on 127.0.0.1 that answers every request with one canned response and records
/// the request lines it saw. It stands in for a misbehaving or hostile CA where the real scepserver cannot behave
/// that way: redirecting elsewhere, or answering with an endless body.
/// </summary>
public sealed class CannedHttpResponder : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Stream, CancellationToken, Task> _respond;
    private readonly ConcurrentQueue<string> _requests = new();

    private CannedHttpResponder(Func<Stream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Url => $"http://127.0.0.1:{Port}/scep";

    /// <summary>The request lines received, e.g. <c>GET /scep?operation=GetCACaps HTTP/1.1</c>.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>Answers 302 Found with <c>Location: <paramref name="location"/></c>.</summary>
    public static CannedHttpResponder Redirecting(string location) => new(async (stream, cancellationToken) =>
    {
        var head = $"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
    });

    /// <summary>Answers 200 with a body of <paramref name="bytes"/> bytes, announced by Content-Length or not at all (sent until the connection closes).</summary>
    public static CannedHttpResponder Oversized(long bytes, bool announceLength) => new(async (stream, cancellationToken) =>
    {
        var length = announceLength ? $"Content-Length: {bytes}\r\n" : string.Empty;
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n{length}Connection: close\r\n\r\n"), cancellationToken);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'A');
        for (long sent = 0; sent < bytes; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, bytes - sent)), cancellationToken);
        }
    });

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(_stop.Token);
                _requests.Enqueue(requestLine ?? string.Empty);
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                {
                    // Headers are not needed; a GET has no body.
                }

                await _respond(stream, _stop.Token);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client hung up, e.g. after refusing an oversized answer.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
