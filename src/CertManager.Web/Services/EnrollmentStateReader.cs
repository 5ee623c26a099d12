using CertManager.Core.Enrollment;
using CertManager.Core.Storage;

namespace CertManager.Web.Services;

/// <summary>
/// The enrollment rows the certificate tab shows on every view (its renewal panel and its list of open SCEP
/// enrollments), read through <see cref="DatabaseReadCache"/>: once after each commit instead of four to five queries
/// per view, which were most of the tab's cost. A renewal recorded by the job, an install, an enrollment or a
/// cancellation is a commit, so the next view reads the rows again.
/// </summary>
public sealed class EnrollmentStateReader(DatabaseReadCache cache, AcmeStore acme, ScepSourceStore scepSources, ScepTransactionStore scepTransactions)
{
    /// <summary>The renewal state of the certificate with this SHA-256 fingerprint (hex, as <c>GetCertHashString</c> gives it).</summary>
    public Task<RenewalState> GetRenewalStateAsync(string fingerprint, CancellationToken cancellationToken = default) =>
        cache.GetAsync($"renewal-state:{fingerprint}", token => ReadRenewalStateAsync(fingerprint, token), cancellationToken);

    /// <summary>The SCEP transactions pending at the CA or issued and held, newest first.</summary>
    public Task<IReadOnlyList<ScepTransactionSummary>> ListOpenScepTransactionsAsync(CancellationToken cancellationToken = default) =>
        cache.GetAsync("scep-transactions-open", scepTransactions.ListOpenAsync, cancellationToken);

    private async Task<RenewalState> ReadRenewalStateAsync(string fingerprint, CancellationToken cancellationToken)
    {
        var acmeSource = await acme.FindSourceAsync(fingerprint, cancellationToken);
        var scepSource = acmeSource is null ? await scepSources.FindAsync(fingerprint, cancellationToken) : null;
        var scepRenewal = scepSource is { } scep ? await scepTransactions.FindOpenRenewalAsync(scep.Id, cancellationToken) : null;
        var held = await acme.FindHeldAsync(cancellationToken);
        return new RenewalState(acmeSource, scepSource, scepRenewal, held);
    }
}
