using Microsoft.AspNetCore.DataProtection;

namespace CertManager.Web.Security;

/// <summary>
/// The console's data protection provider: the framework's, except that the antiforgery tokens' protector keeps what
/// it decrypted (<see cref="CachedAntiforgeryProtector"/>). Every other purpose gets the framework's protector itself.
/// </summary>
internal sealed class AntiforgeryCachingProtectionProvider(IDataProtectionProvider inner, TimeProvider timeProvider) : IDataProtectionProvider
{
    public IDataProtector CreateProtector(string purpose) =>
        string.Equals(purpose, CachedAntiforgeryProtector.AntiforgeryPurpose, StringComparison.Ordinal)
            ? new CachedAntiforgeryProtector(inner.CreateProtector(purpose), timeProvider)
            : inner.CreateProtector(purpose);

    /// <summary>Wraps the data protection provider registered so far (call after <c>AddDataProtection</c>).</summary>
    public static void Register(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        services.Remove(registered);
        services.AddSingleton<IDataProtectionProvider>(provider => new AntiforgeryCachingProtectionProvider(
            registered.ImplementationInstance as IDataProtectionProvider
                ?? registered.ImplementationFactory?.Invoke(provider) as IDataProtectionProvider
                ?? (IDataProtectionProvider)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
            provider.GetRequiredService<TimeProvider>()));
    }
}
