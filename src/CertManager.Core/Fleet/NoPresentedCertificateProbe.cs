namespace CertManager.Core.Fleet;

/// <summary>Where no HTTPS listener runs (certman): nothing to probe.</summary>
internal sealed class NoPresentedCertificateProbe : IPresentedCertificateProbe
{
    public Task<string?> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
