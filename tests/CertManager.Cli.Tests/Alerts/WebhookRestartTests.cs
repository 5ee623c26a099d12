using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Alerts;

/// <summary>
/// A webhook alert whose receiver is down stays queued across a restart of the console process and is delivered once,
/// signed, when both are back: real console processes on one data directory, certman installing a certificate that raises an expiry WARNING, a receiver on loopback.
/// </summary>
public sealed class WebhookRestartTests : IDisposable
{
    private const string Secret = "restart-shared-secret";
    private readonly TestPki _pki = new("Webhook Restart");
    private readonly TempDirectory _data = new("webhook-restart");
    private readonly WebhookReceiver _receiver = new();

    public void Dispose()
    {
        _receiver.Dispose();
        _data.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task Install_WebhookReceiverDownThenUpAcrossAConsoleRestart_AlertDeliveredOnceSigned()
    {
        var settings = new Dictionary<string, string>
        {
            ["CertManager__Alerts__Webhooks__0__Name"] = "ops",
            ["CertManager__Alerts__Webhooks__0__Url"] = _receiver.Url("ops"),
            ["CertManager__Alerts__Webhooks__0__Format"] = "Generic",
            ["CertManager__Alerts__Webhooks__0__Secret"] = Secret,
            ["CertManager__Alerts__Webhooks__0__MinimumSeverity"] = "Info",
            ["CertManager__Alerts__DispatchInterval"] = "00:00:01",
            ["CertManager__Alerts__RetryBaseDelay"] = "00:00:01",
            ["CertManager__Alerts__RetryMaxDelay"] = "00:00:02",
        };
        var console = await ConsoleProcess.StartAsync(_data.Path, environment: settings);
        try
        {
            // A certificate that expires in 10 days: the console's expiry check raises a WARNING and queues its alert, which
            // the console's dispatcher cannot deliver while the receiver is down.
            var (certificate, key) = _pki.IssueServerBy(_pki.Intermediate, "console.example.test", days: 10);
            var install = await Certman.RunWithEnvironmentAsync(_pki.Directory, settings, "install", "--data-dir", _data.Path, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key, "--accept-warnings");
            Assert.True(install.ExitCode == 0, install.ToString());
            await WaitUntilAsync(() => console.Output.Contains("could not reach webhook ops", StringComparison.Ordinal), $"the console to try the webhook:\n{console.Output}");

            // The console stops, the receiver comes up, the console starts again on the same data.
            await console.DisposeAsync();
            _receiver.Start();
            console = await ConsoleProcess.StartAsync(_data.Path, environment: settings);

            var delivered = await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(60));
            var request = Assert.Single(delivered, IsExpiryAlert);
            Assert.Equal("/ops", request.Path);
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(request.Body)));
            Assert.Equal(expected, request.Headers["X-CertManager-Signature"]);
            using var payload = JsonDocument.Parse(request.Body);
            Assert.Equal("WARNING", payload.RootElement.GetProperty("severity").GetString());
            Assert.Equal("console.example.test", payload.RootElement.GetProperty("certificate").GetProperty("commonName").GetString());
        }
        finally
        {
            await console.DisposeAsync();
        }

        // Once: the delivered alert was not sent again by the restarted console.
        Assert.Single(_receiver.Requests, IsExpiryAlert);
    }

    private static bool IsExpiryAlert(WebhookReceiver.Received request)
    {
        using var payload = JsonDocument.Parse(request.Body);
        return payload.RootElement.GetProperty("source").GetString() == "expiry";
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Waited 60 s for {what}");
            }

            await Task.Delay(100);
        }
    }
}
