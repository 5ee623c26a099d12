using CertManager.Core.Install;
using CertManager.Core.Results;
using CertManager.Scep;
using CertManager.Scep.Enrollment;

namespace CertManager.Web.Services;

/// <summary>
/// One administrator's SCEP enrollment in progress (one per Blazor circuit): the validated request, the CA as
/// contacted and confirmed, and an issued certificate's examination until it is installed. The enrollment password
/// is passed through to the request and never kept here.
/// </summary>
public sealed class ScepEnrollmentSession(ScepEnrollmentService service, CertManager.Core.Trust.TrustStore trustStore) : IDisposable
{
    private ScepEnrollment? _enrollment;

    public ScepEnrollmentRequest? Request { get; private set; }

    public ScepCaInfo? Ca { get; private set; }

    public ScepEnrollment? Enrollment => _enrollment;

    public async Task<Result<ScepCaInfo>> ContactAsync(ScepEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        Clear();
        var contact = await service.ContactCaAsync(request, cancellationToken);
        if (contact.Succeeded)
        {
            Request = request;
            Ca = contact.Value;
        }

        return contact;
    }

    public async Task<IReadOnlyList<Problem>> EnrollAsync(string? challenge, string actor, IProgress<ScepStep> progress, CancellationToken cancellationToken = default)
    {
        if (Request is null || Ca is null)
        {
            return [ScepErrors.AddressInvalid("Contact the CA first.")];
        }

        _enrollment?.Dispose();
        _enrollment = null;
        var result = await service.EnrollAsync(Request, Ca, challenge, actor, progress, cancellationToken);
        if (!result.Succeeded)
        {
            return result.Problems;
        }

        _enrollment = result.Value;
        return [];
    }

    public async Task<Result<InstalledCertificate>> InstallAsync(bool warningsConfirmed, string actor, CancellationToken cancellationToken = default)
    {
        if (_enrollment is null)
        {
            return InstallErrors.NotInstallable;
        }

        var result = await service.InstallAsync(_enrollment, warningsConfirmed, actor, cancellationToken);
        if (result.Succeeded)
        {
            Clear();
        }

        return result;
    }

    /// <summary>Checks the issued certificate's chain again, e.g. after a root was added to the trust store.</summary>
    public Task RecheckAsync(CancellationToken cancellationToken = default) =>
        _enrollment is null ? Task.CompletedTask : service.RecheckAsync(_enrollment, cancellationToken);

    /// <summary>Trusts the CA's own root (one of the certificates it sent) and checks the chain again.</summary>
    public async Task<IReadOnlyList<Problem>> TrustRootAndRecheckAsync(string sha256Fingerprint, string actor, CancellationToken cancellationToken = default)
    {
        if (_enrollment?.FindRoot(sha256Fingerprint) is not { } root)
        {
            return [CertManager.Core.Trust.TrustErrors.RootNotUploaded];
        }

        var added = await trustStore.AddRootAsync(root, actor, cancellationToken);
        if (added.Succeeded)
        {
            await RecheckAsync(cancellationToken);
        }

        return added.Problems;
    }

    public void Clear()
    {
        _enrollment?.Dispose();
        _enrollment = null;
        Request = null;
        Ca = null;
    }

    public void Dispose() => Clear();
}
