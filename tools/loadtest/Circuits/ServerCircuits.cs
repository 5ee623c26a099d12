using System.Globalization;
using System.Net;
using System.Net.Security;

namespace CertManager.LoadTest.Circuits;

/// <summary>
/// The console's own count of its Blazor circuits, from its Prometheus endpoint (<c>/metrics</c>, ASP.NET Core's
/// circuit meter): <c>aspnetcore_components_circuit_connected</c>, circuits with a client connected now, and
/// <c>aspnetcore_components_circuit_active</c>, circuits the console holds (reported next to it; a page closed without
/// its unload beacon leaves its circuit held, disconnected, for the retention period). The tool's own count of open pages is only a claim until these agree with it.
/// </summary>
internal sealed class ServerCircuits(Uri console, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ConsoleCertificate.For(console) },
    })
    { BaseAddress = console, Timeout = timeout };

    /// <summary>Waits (up to the timeout) until the console has exactly <paramref name="expected"/> connected circuits,
    /// and returns its counts; throws with both counts when it does not get there.</summary>
    public async Task<(long Connected, long Active)> ExpectConnectedAsync(int expected, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var counts = await ReadAsync(cancellationToken);
        try
        {
            while (counts.Connected != expected && await poll.WaitForNextTickAsync(deadline.Token))
            {
                counts = await ReadAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return counts.Connected == expected ? counts : throw new InvalidOperationException(
            $"The console counts {counts.Connected} connected circuits ({counts.Active} active) after {timeout.TotalSeconds:0} s, " +
            $"where {expected} pages are open: {(counts.Connected < expected ? "some circuits were closed or never started" : "circuits the tool did not open are connected")}.");
    }

    public async Task<(long Connected, long Active)> ReadAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync("/metrics", cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException($"The console's /metrics answered {(int)response.StatusCode}: let this machine scrape it " +
                "(CertManager__Metrics__AllowedNetworks__0=127.0.0.1/32 in the console's environment; load.py sets it).");
        }

        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (Sum(text, "aspnetcore_components_circuit_connected"), Sum(text, "aspnetcore_components_circuit_active"));
    }

    public void Dispose() => _client.Dispose();

    // One sample per label set; an instrument that has not recorded yet has no sample (0 circuits).
    private static long Sum(string exposition, string metric)
    {
        var total = 0L;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is '{' or ' ')
            {
                var sample = line[metric.Length..];
                var value = (sample[0] == '{' ? sample[(sample.IndexOf('}', StringComparison.Ordinal) + 1)..] : sample).Trim().Split(' ')[0];
                total += (long)double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
