using CertManager.Acme.Protocol;
using CertManager.Acme.Tests.Support;

namespace CertManager.Acme.Tests;

/// <summary>Account operations against a pebble that requires External Account Binding: the real peer.</summary>
public sealed class AcmeClientTests(PebbleWithBinding peer) : IClassFixture<PebbleWithBinding>
{
    [Fact]
    public async Task GetDirectory_Pebble_SaysBindingIsRequiredAndLinksTheTerms()
    {
        using var host = new AcmeTestHost(peer.Pebble);

        var directory = await host.Client.GetDirectoryAsync(peer.Pebble.DirectoryUrl);

        Assert.True(directory.Succeeded, AcmeTestHost.Describe(directory.Problems));
        Assert.True(directory.Value.Meta!.ExternalAccountRequired);
        Assert.False(string.IsNullOrEmpty(directory.Value.Meta.TermsOfService));
        Assert.NotNull(directory.Value.KeyChange);
    }

    [Fact]
    public async Task Register_WithBinding_CreatesAValidAccountWithTheContact()
    {
        using var host = new AcmeTestHost(peer.Pebble);
        using var key = AcmeAccountKey.Create();

        var session = await host.RegisterAsync(key, new AcmeRegistration(["ops@example.test"], true, PebbleWithBinding.KeyId, PebbleWithBinding.HmacKey));
        var account = await host.Client.GetAccountAsync(session);

        Assert.True(account.Succeeded, AcmeTestHost.Describe(account.Problems));
        Assert.Equal("valid", account.Value.Status);
        Assert.Equal(["mailto:ops@example.test"], account.Value.Contact);
    }

    [Fact]
    public async Task Register_WithoutBinding_FailsSayingTheCaNeedsTheKeyIdAndHmacKey()
    {
        using var host = new AcmeTestHost(peer.Pebble);
        using var key = AcmeAccountKey.Create();
        var directory = await host.Client.GetDirectoryAsync(peer.Pebble.DirectoryUrl);

        var account = await host.Client.RegisterAsync(directory.Value, key, new AcmeRegistration(["ops@example.test"], true));

        var problem = Assert.Single(account.Problems);
        Assert.Equal("acme.external-account-required", problem.Code);
        Assert.StartsWith("The CA requires an External Account Binding (EAB)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("EAB key ID and HMAC key", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_BindingWithWrongHmacKey_IsRefusedByTheCa()
    {
        using var host = new AcmeTestHost(peer.Pebble);
        using var key = AcmeAccountKey.Create();
        var directory = await host.Client.GetDirectoryAsync(peer.Pebble.DirectoryUrl);

        var account = await host.Client.RegisterAsync(directory.Value, key, new AcmeRegistration([], true, PebbleWithBinding.KeyId, Base64UrlText.Encode(new byte[32])));

        Assert.False(account.Succeeded);
        Assert.StartsWith("acme.", Assert.Single(account.Problems).Code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_HmacKeyNotBase64Url_FailsBeforeAskingTheCa()
    {
        using var host = new AcmeTestHost(peer.Pebble);
        using var key = AcmeAccountKey.Create();
        var directory = await host.Client.GetDirectoryAsync(peer.Pebble.DirectoryUrl);

        var account = await host.Client.RegisterAsync(directory.Value, key, new AcmeRegistration([], true, PebbleWithBinding.KeyId, "not base64url!"));

        Assert.Equal("acme.eab-key-invalid", Assert.Single(account.Problems).Code);
    }

    [Fact]
    public async Task RolloverKey_ThenTheNewKeyFindsTheAccountAndTheOldOneDoesNot()
    {
        using var host = new AcmeTestHost(peer.Pebble);
        using var oldKey = AcmeAccountKey.Create();
        using var newKey = AcmeAccountKey.Create();
        var session = await host.RegisterAsync(oldKey, new AcmeRegistration([], true, PebbleWithBinding.KeyId, PebbleWithBinding.HmacKey));

        var rolled = await host.Client.RolloverKeyAsync(session, newKey);

        Assert.True(rolled.Succeeded, AcmeTestHost.Describe(rolled.Problems) + "\n" + peer.Pebble.Output);
        Assert.Equal(session.AccountUrl, (await host.Client.FindAccountAsync(session.Directory, newKey)).Value.Location);
        Assert.Equal("acme.account-does-not-exist", Assert.Single((await host.Client.FindAccountAsync(session.Directory, oldKey)).Problems).Code);
    }

    [Fact]
    public async Task DeactivateAccount_ThenTheCaRefusesItsRequests()
    {
        using var host = new AcmeTestHost(peer.Pebble);
        using var key = AcmeAccountKey.Create();
        var session = await host.RegisterAsync(key, new AcmeRegistration([], true, PebbleWithBinding.KeyId, PebbleWithBinding.HmacKey));

        var deactivated = await host.Client.DeactivateAccountAsync(session);
        var order = await host.Client.NewOrderAsync(session, [AcmeIdentifier.Dns("after.example.test")]);

        Assert.Equal("deactivated", deactivated.Value.Status);
        Assert.Equal("acme.unauthorized", Assert.Single(order.Problems).Code);
    }
}
