using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace CertManager.Testing;

/// <summary>
/// A webhook receiver on loopback (HttpListener), standing in for a chat service or an operator's endpoint: it
/// records every POST with its headers and answers 204. A hand-written peer: Slack and Teams cannot be reached here.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _disposed;

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    public WebhookReceiver(int? port = null)
    {
        Port = port ?? FreePort.Next();
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public IReadOnlyCollection<Received> Requests => [.. _received];

    public void Start()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (_received.Count < count)
        {
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"The receiver got {_received.Count} of {count} webhook requests.");
            }

            await Task.Delay(50);
        }

        return [.. _received];
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new Received(context.Request.Url!.AbsolutePath, headers, body));
            context.Response.StatusCode = (int)HttpStatusCode.NoContent;
            context.Response.Close();
        }
    }

    /// <summary>Stops listening (a receiver that went down); safe to call more than once.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();

        // Close alone: on Linux a Stop followed by Close removes the prefix twice, and the second removal binds the
        // port again, which fails ("Address already in use") when another process has taken it meanwhile.
        _listener.Close();
        _stop.Dispose();
    }
}
