namespace CertManager.Core.Fleet;

/// <summary>Where no HTTPS listener runs (certman): nothing to probe.</summary>
internal sealed class NoPresentedCertificateProbe : IPresentedCertificateProbe
{
    public Task<PresentedCertificate?> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult<PresentedCertificate?>(null);
}
