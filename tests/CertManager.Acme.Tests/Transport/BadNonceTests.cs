using CertManager.Acme.Protocol;
using CertManager.Acme.Tests.Support;
using CertManager.Testing;

namespace CertManager.Acme.Tests.Transport;

/// <summary>
/// RFC 8555 §6.5: pebble told to reject half of all good nonces (PEBBLE_WFE_NONCEREJECT=50); every request must
/// still succeed by retrying with the nonce that came with the badNonce error.
/// </summary>
public sealed class BadNonceTests(BadNonceTests.PebbleRejectingNonces peer) : IClassFixture<BadNonceTests.PebbleRejectingNonces>
{
    private readonly PebbleServer _pebble = peer.Pebble;

    [Fact]
    public async Task Requests_HalfTheNoncesRejected_AllSucceedAfterBadNonceRetries()
    {
        // 30 attempts per request: with half the nonces refused, a request fails only once in a billion.
        using var host = new AcmeTestHost(_pebble, new Dictionary<string, string?> { ["CertManager:Acme:BadNonceRetries"] = "30" });
        using var key = AcmeAccountKey.Create();
        var session = await host.RegisterAsync(key);

        for (var i = 0; i < 40 && host.Client.BadNonceRetries < 3; i++)
        {
            var order = await host.Client.NewOrderAsync(session, [AcmeIdentifier.Dns($"nonce{i}.example.test")]);
            Assert.True(order.Succeeded, AcmeTestHost.Describe(order.Problems));
        }

        Assert.True(host.Client.BadNonceRetries >= 3, $"pebble rejected only {host.Client.BadNonceRetries} nonces:\n{_pebble.Output}");
    }

    [Fact]
    public async Task Requests_RetriesExhausted_FailWithBadNonceExplained()
    {
        using var patient = new AcmeTestHost(_pebble, new Dictionary<string, string?> { ["CertManager:Acme:BadNonceRetries"] = "30" });
        using var key = AcmeAccountKey.Create();
        var session = await patient.RegisterAsync(key);
        using var host = new AcmeTestHost(_pebble, new Dictionary<string, string?> { ["CertManager:Acme:BadNonceRetries"] = "1" });

        Core.Results.Problem? problem = null;
        for (var i = 0; i < 200 && problem is null; i++)
        {
            var order = await host.Client.NewOrderAsync(session, [AcmeIdentifier.Dns($"give-up{i}.example.test")]);
            problem = order.Succeeded ? null : Assert.Single(order.Problems);
        }

        Assert.NotNull(problem);
        Assert.Equal("acme.bad-nonce", problem.Code);
        Assert.Contains("proxy", problem.Fix, StringComparison.Ordinal);
    }

    /// <summary>The pebble of this class, shared by its tests.</summary>
    public sealed class PebbleRejectingNonces : IDisposable
    {
        public PebbleServer Pebble { get; } = PebbleServer.Start(new PebbleSettings { NonceRejectPercent = 50 });

        public void Dispose() => Pebble.Dispose();
    }
}
