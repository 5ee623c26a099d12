using CertManager.Core.Chain;
using CertManager.Core.Details;
using CertManager.Core.Storage;

namespace CertManager.Web.Services;

/// <summary>One stored certificate version as the Versions page and the tab show it: details, the intermediates it sends, who installed it.</summary>
public sealed record StoredVersion(
    string Version,
    CertificateDetails Details,
    IReadOnlyList<CertificateSummary> Intermediates,
    VersionProvenance? Provenance,
    bool IsActive);
