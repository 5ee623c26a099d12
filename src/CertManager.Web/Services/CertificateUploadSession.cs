using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Results;
using CertManager.Core.Trust;

namespace CertManager.Web.Services;

/// <summary>
/// One administrator's upload in progress (one per Blazor circuit): the material read, the chain doctor's examination,
/// and the install of exactly what was examined. Holds the decrypted key only between "Check" and "Install".
/// </summary>
public sealed class CertificateUploadSession(CertificateImporter importer, ChainDoctor doctor, CertificateInstaller installer, TrustStore trustStore) : IDisposable
{
    private ImportedMaterial? _material;
    private Examination? _examination;
    private IReadOnlyList<ImportInput> _inputs = [];
    private string? _password;

    public ChainReport? Report => _examination?.Report;

    public bool CanInstall => _examination?.CanInstall == true;

    public async Task<ChainReport> ExamineAsync(IReadOnlyList<ImportInput> inputs, string? password, CancellationToken cancellationToken = default)
    {
        Clear();
        _inputs = inputs;
        _password = password;
        // Parsing and path building are CPU work: keep them off the circuit's synchronization context.
        _material = await Task.Run(() => importer.Import(inputs, password), cancellationToken);
        _examination = await doctor.ExamineForInstallAsync(_material, cancellationToken);
        return _examination.Report;
    }

    public async Task<Result<InstalledCertificate>> InstallAsync(bool warningsConfirmed, string actor, CancellationToken cancellationToken = default)
    {
        if (_examination is null)
        {
            return InstallErrors.NotInstallable;
        }

        var result = await installer.InstallAsync(_examination, warningsConfirmed, actor, cancellationToken);
        if (result.Succeeded)
        {
            Clear();
        }

        return result;
    }

    /// <summary>
    /// Adds the uploaded self-signed root with this fingerprint to the console's trust store (an enterprise CA), then
    /// examines the same upload again so the report reflects it.
    /// </summary>
    public async Task<Result<ChainReport>> TrustRootAndRecheckAsync(string sha256Fingerprint, string actor, CancellationToken cancellationToken = default)
    {
        var root = _material?.Certificates.Select(c => c.Certificate)
            .FirstOrDefault(c => CertificateSummary.Of(c, string.Empty).Sha256Fingerprint == sha256Fingerprint && CertificateSummary.Of(c, string.Empty).IsSelfIssued);
        if (root is null)
        {
            return TrustErrors.RootNotUploaded;
        }

        var added = await trustStore.AddRootAsync(root, actor, cancellationToken);
        if (!added.Succeeded)
        {
            return Result<ChainReport>.Failure(added.Problems);
        }

        return Result<ChainReport>.Success(await ExamineAsync(_inputs, _password, cancellationToken));
    }

    /// <summary>Examines the same upload again, e.g. after a root was added to the trust store.</summary>
    public Task<ChainReport> RecheckAsync(CancellationToken cancellationToken = default) =>
        ExamineAsync(_inputs, _password, cancellationToken);

    public void Clear()
    {
        _examination?.Dispose();
        _material?.Dispose();
        _examination = null;
        _material = null;
        _inputs = [];
        _password = null;
    }

    public void Dispose() => Clear();
}
