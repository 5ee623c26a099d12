using System.Security.Cryptography;
using CertManager.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Web.Tests.Security;

/// <summary>
/// Antiforgery tokens are decrypted once per exact token for a minute: each caller gets its own copy, a changed or
/// foreign token is refused as before, and only the antiforgery purpose is cached.
/// </summary>
public sealed class CachedAntiforgeryProtectorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly CountingProtector _inner = new(new EphemeralDataProtectionProvider().CreateProtector(CachedAntiforgeryProtector.AntiforgeryPurpose));

    [Fact]
    public void Unprotect_SameTokenTwice_DecryptedOnceAndEachCallerGetsItsOwnCopy()
    {
        var protector = new CachedAntiforgeryProtector(_inner, _time);
        var token = protector.Protect([1, 2, 3]);

        var first = protector.Unprotect(token);
        first[0] = 9;
        var second = protector.Unprotect(token);

        Assert.Equal([1, 2, 3], second);
        Assert.Equal(1, _inner.Unprotected);
    }

    [Fact]
    public void Unprotect_AfterLifetime_DecryptedAgain()
    {
        var protector = new CachedAntiforgeryProtector(_inner, _time);
        var token = protector.Protect([1, 2, 3]);
        protector.Unprotect(token);

        _time.Advance(DecryptionCache<byte[], byte[]>.Lifetime);

        Assert.Equal([1, 2, 3], protector.Unprotect(token));
        Assert.Equal(2, _inner.Unprotected);
    }

    [Fact]
    public void Unprotect_ChangedToken_RefusedEvenAfterTheOriginalWasAccepted()
    {
        var protector = new CachedAntiforgeryProtector(_inner, _time);
        var token = protector.Protect([1, 2, 3]);
        protector.Unprotect(token);

        var changed = token.ToArray();
        changed[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(changed));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(changed));
    }

    [Fact]
    public void CreateProtector_RegisteredProvider_CachesTheAntiforgeryPurposeOnlyAndRefusesOtherPurposesTokens()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_time);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        AntiforgeryCachingProtectionProvider.Register(services);
        using var provider = services.BuildServiceProvider();
        var protection = provider.GetRequiredService<IDataProtectionProvider>();

        var antiforgery = protection.CreateProtector(CachedAntiforgeryProtector.AntiforgeryPurpose);
        var other = protection.CreateProtector("another purpose");
        var foreign = other.Protect([4, 5, 6]);

        Assert.IsType<CachedAntiforgeryProtector>(antiforgery);
        Assert.IsNotType<CachedAntiforgeryProtector>(other);
        Assert.Equal([1, 2, 3], antiforgery.Unprotect(antiforgery.Protect([1, 2, 3])));
        Assert.ThrowsAny<CryptographicException>(() => antiforgery.Unprotect(foreign));
    }

    /// <summary>The real protector, counting its decryptions.</summary>
    private sealed class CountingProtector(IDataProtector inner) : IDataProtector
    {
        public int Unprotected { get; private set; }

        public IDataProtector CreateProtector(string purpose) => inner.CreateProtector(purpose);

        public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData)
        {
            Unprotected++;
            return inner.Unprotect(protectedData);
        }
    }
}
