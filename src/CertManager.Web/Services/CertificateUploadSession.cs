using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Results;

namespace CertManager.Web.Services;

/// <summary>
/// One administrator's upload in progress (one per Blazor circuit): the material read, the chain doctor's examination,
/// and the install of exactly what was examined. Holds the decrypted key only between "Check" and "Install".
/// </summary>
public sealed class CertificateUploadSession(CertificateImporter importer, ChainDoctor doctor, CertificateInstaller installer) : IDisposable
{
    private ImportedMaterial? _material;
    private Examination? _examination;

    public ChainReport? Report => _examination?.Report;

    public bool CanInstall => _examination?.CanInstall == true;

    public async Task<ChainReport> ExamineAsync(IReadOnlyList<ImportInput> inputs, string? password, CancellationToken cancellationToken = default)
    {
        Clear();
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

    public void Clear()
    {
        _examination?.Dispose();
        _material?.Dispose();
        _examination = null;
        _material = null;
    }

    public void Dispose() => Clear();
}
