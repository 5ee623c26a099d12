using CertManager.Acme.Enrollment;
using CertManager.Acme.Issuance;
using CertManager.Core.Install;
using CertManager.Core.Results;

namespace CertManager.Web.Services;

/// <summary>
/// One administrator's ACME enrollment in progress (one per Blazor circuit): the issued certificate's examination
/// until it is installed. The EAB HMAC key is passed through to the CA and never kept here.
/// </summary>
public sealed class AcmeEnrollmentSession(AcmeEnrollmentService service) : IDisposable
{
    public AcmeEnrollment? Enrollment { get; private set; }

    public async Task<IReadOnlyList<Problem>> ObtainAsync(AcmeEnrollmentRequest request, string actor, IProgress<AcmeProgress> progress, CancellationToken cancellationToken = default)
    {
        Clear();
        var result = await service.ObtainAsync(request, actor, progress, cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            return result.Problems;
        }

        Enrollment = result.Value;
        return [];
    }

    public async Task<Result<InstalledCertificate>> InstallAsync(bool warningsConfirmed, string actor, CancellationToken cancellationToken = default)
    {
        if (Enrollment is null)
        {
            return InstallErrors.NotInstallable;
        }

        var result = await service.InstallAsync(Enrollment, warningsConfirmed, actor, cancellationToken);
        if (result.Succeeded)
        {
            Clear();
        }

        return result;
    }

    public void Clear()
    {
        Enrollment?.Dispose();
        Enrollment = null;
    }

    public void Dispose() => Clear();
}
