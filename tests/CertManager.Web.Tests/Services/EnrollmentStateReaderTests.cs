using System.Security.Cryptography;
using CertManager.Core.Enrollment;
using CertManager.Core.Storage;
using CertManager.Testing;
using CertManager.Web.Services;

namespace CertManager.Web.Tests.Services;

/// <summary>The certificate tab's renewal state is read once per commit, and every change to the orders shows at the next view.</summary>
public sealed class EnrollmentStateReaderTests : IDisposable
{
    private const string Fingerprint = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    private static readonly Uri Directory = new("https://acme.example.test/directory");
    private readonly CoreTestHost _host = CoreTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task GetRenewalStateAsync_OrderInstalledThenChanged_FollowsEachCommit()
    {
        var reader = CreateReader();
        var store = _host.Get<AcmeStore>();
        Assert.Equal(new RenewalState(null, null, null, null), await reader.GetRenewalStateAsync(Fingerprint));

        var order = await store.AddOrderAsync(Directory, ["www.example.test"], 2048, "http-01", null, "alice", _host.Time.GetUtcNow());
        await store.MarkInstalledAsync(order.Id, Fingerprint, "installed", _host.Time.GetUtcNow());
        Assert.True((await reader.GetRenewalStateAsync(Fingerprint)).AcmeSource?.AutoInstall);

        await store.SetAutoInstallAsync(order.Id, autoInstall: false);

        var state = await reader.GetRenewalStateAsync(Fingerprint);
        Assert.Equal(order.Id, state.AcmeSource?.Id);
        Assert.False(state.AcmeSource?.AutoInstall);
        Assert.Null((await reader.GetRenewalStateAsync("another certificate")).AcmeSource);
    }

    [Fact]
    public async Task GetRenewalStateAsync_RenewalHeldThenCancelled_ShowsAndThenDropsIt()
    {
        var reader = CreateReader();
        var store = _host.Get<AcmeStore>();
        Assert.Null((await reader.GetRenewalStateAsync(Fingerprint)).Held);

        var renewal = await store.AddOrderAsync(Directory, ["www.example.test"], 2048, "http-01", null, "renewal", _host.Time.GetUtcNow());
        using (var key = RSA.Create(2048))
        {
            await store.SaveCertificateKeyAsync(renewal.Id, key);
        }

        await store.RecordStepAsync(renewal.Id, "finalized", new Uri("https://acme.example.test/order/1"), _host.Time.GetUtcNow());
        await store.FinishOrderAsync(renewal.Id, AcmeOrderStatus.Held, "held for an administrator", _host.Time.GetUtcNow());
        Assert.Equal(renewal.Id, (await reader.GetRenewalStateAsync(Fingerprint)).Held?.Id);

        await store.FinishOrderAsync(renewal.Id, AcmeOrderStatus.Cancelled, "cancelled", _host.Time.GetUtcNow());

        Assert.Null((await reader.GetRenewalStateAsync(Fingerprint)).Held);
    }

    private EnrollmentStateReader CreateReader() => new(
        _host.Get<DatabaseReadCache>(), _host.Get<AcmeStore>(), _host.Get<ScepSourceStore>(), _host.Get<ScepTransactionStore>());
}
