using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Events;
using CertManager.Core.Expiry;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Core.Tests.Expiry;

/// <summary>The expiry events across the thresholds, with fake time and certificates made to expire at known instants.</summary>
public sealed class ExpiryCheckerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly CoreTestHost _host = CoreTestHost.Create(now: Start);

    private ExpiryChecker Checker => _host.Get<ExpiryChecker>();

    private EventRecorder Events => _host.Get<EventRecorder>();

    [Fact]
    public async Task CheckAsync_AcrossTheThresholds_RaisesWarningMinorMajorOnceEach()
    {
        var notAfter = Start.AddDays(30);
        ExpiringChain.Install(_host, "shop.example.test", notAfter);

        Assert.Equal(0, (await Checker.CheckAsync()).Raised);
        await AssertActiveAsync(null);

        _host.Time.SetUtcNow(notAfter.AddDays(-21).AddMinutes(1));
        Assert.Equal(1, (await Checker.CheckAsync()).Raised);
        Assert.Equal(0, (await Checker.CheckAsync()).Raised);
        await AssertActiveAsync(EventSeverity.Warning);

        _host.Time.SetUtcNow(notAfter.AddDays(-7).AddMinutes(1));
        var minor = await Checker.CheckAsync();
        Assert.Equal((1, 1), (minor.Raised, minor.Resolved));
        await AssertActiveAsync(EventSeverity.Minor);

        // The day of expiry, an hour before notAfter: still MINOR, and nothing new.
        _host.Time.SetUtcNow(notAfter.AddHours(-1));
        Assert.Equal(0, (await Checker.CheckAsync()).Raised);
        await AssertActiveAsync(EventSeverity.Minor);

        _host.Time.SetUtcNow(notAfter.AddSeconds(1));
        var major = await Checker.CheckAsync();
        Assert.True(major.HasMajor);
        Assert.Equal(1, major.Raised);
        await AssertActiveAsync(EventSeverity.Major);
        Assert.Equal(0, (await Checker.CheckAsync()).Raised);

        var all = (await Events.QueryAsync(new EventQuery { Source = EventSources.Expiry })).Items;
        Assert.Equal([EventSeverity.Major, EventSeverity.Minor, EventSeverity.Warning], all.Select(e => e.Severity));
        Assert.All(all.Skip(1), e => Assert.NotNull(e.ResolvedAt));
        Assert.Contains("The presented certificate 'CN=shop.example.test' expired on", all[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NewCertificateInstalled_ResolvesTheOldEvents()
    {
        ExpiringChain.Install(_host, "old.example.test", Start.AddDays(-1));
        await Checker.CheckAsync();
        await AssertActiveAsync(EventSeverity.Major);

        ExpiringChain.Install(_host, "new.example.test", Start.AddDays(90));
        var result = await Checker.CheckAsync();

        Assert.Equal((0, 1), (result.Raised, result.Resolved));
        await AssertActiveAsync(null);
        var resolved = Assert.Single((await Events.QueryAsync(new EventQuery { Source = EventSources.Expiry })).Items);
        Assert.Equal(Start, resolved.ResolvedAt);
    }

    [Fact]
    public async Task CheckAsync_IntermediateExpiresFirst_RaisesForTheIntermediate()
    {
        ExpiringChain.Install(_host, "chain.example.test", Start.AddDays(90), intermediateNotAfter: Start.AddDays(5));

        var result = await Checker.CheckAsync();

        var intermediate = Assert.Single(result.Findings, f => f.IsIntermediate);
        Assert.Equal(ExpiryLevel.Minor, intermediate.Level);
        var raised = Assert.Single((await Events.QueryAsync(new EventQuery { Source = EventSources.Expiry })).Items);
        Assert.Equal(EventSeverity.Minor, raised.Severity);
        Assert.StartsWith("Intermediate certificate 'O=Expiry PKI, CN=Expiry Test Issuing CA'", raised.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_SelfSignedDefaultNearExpiry_IsLabelledAndClearsWhenReplaced()
    {
        var provider = _host.Get<ServerCertificateProvider>();
        var notAfter = new DateTimeOffset(provider.Current.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        _host.Time.SetUtcNow(notAfter.AddDays(-20));

        await Checker.CheckAsync();
        var warning = Assert.Single((await Events.QueryAsync(new EventQuery { Source = EventSources.Expiry })).Items);
        Assert.Equal(EventSeverity.Warning, warning.Severity);
        Assert.StartsWith("The console's self-signed default certificate", warning.Message, StringComparison.Ordinal);
        await AssertActiveAsync(EventSeverity.Warning);

        ExpiringChain.Install(_host, "renewed.example.test", notAfter.AddDays(365));
        await Checker.CheckAsync();
        await AssertActiveAsync(null);
    }

    [Fact]
    public async Task CheckAsync_SecondRunOverSameData_DoesNotRaiseAgain()
    {
        ExpiringChain.Install(_host, "restart.example.test", Start.AddDays(3));
        await Checker.CheckAsync();

        await using (var restarted = _host.CreateProviderOverSameData())
        {
            var again = await restarted.GetRequiredService<ExpiryChecker>().CheckAsync();
            Assert.Equal(0, again.Raised);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Single((await Events.QueryAsync(new EventQuery { Source = EventSources.Expiry })).Items);
    }

    /// <summary>The unresolved expiry events are exactly one at the tab indicator's level (or none when it shows OK).</summary>
    private async Task AssertActiveAsync(EventSeverity? expected)
    {
        var current = _host.Get<ServerCertificateProvider>().Current;
        var indicator = _host.Get<CertificateDetailsReader>().Read(current.Certificate, current.Origin).ExpiryLevel;
        var active = await Events.ListUnresolvedConditionsAsync("expiry:");
        if (expected is null)
        {
            Assert.Empty(active);
            Assert.Equal(ExpiryLevel.Ok, indicator);
            return;
        }

        var only = Assert.Single(active);
        Assert.Equal(expected, only.Severity);
        Assert.Equal((int)expected.Value, (int)indicator);
        Assert.Equal(1, await Events.CountActiveAsync());
    }

    public void Dispose() => _host.Dispose();
}
