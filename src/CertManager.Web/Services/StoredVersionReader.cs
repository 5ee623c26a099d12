using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Details;
using CertManager.Core.Storage;

namespace CertManager.Web.Services;

/// <summary>Reads stored versions for display, without decrypting any key.</summary>
public sealed class StoredVersionReader(CertificateStore store, CertificateDetailsReader detailsReader)
{
    // The presented certificate as the tab shows it, read once per certificate: every view of the tab used to decode
    // the certificate, its key and its intermediates and read its provenance file again.
    private Presented? _presented;

    /// <summary>Every installed version, newest first.</summary>
    public IReadOnlyList<StoredVersion> ListInstalled()
    {
        var active = store.ReadActiveVersion();
        var versions = new List<StoredVersion>();
        foreach (var version in store.ListInstalledVersions())
        {
            var (certificate, intermediates) = store.ReadVersionCertificates(version);
            using (certificate)
            {
                versions.Add(Describe(version, certificate, intermediates, CertificateOrigin.ThirdParty, version == active));
            }
        }

        return versions;
    }

    /// <summary>The version presented now, as the tab shows it; described again when another certificate is presented.</summary>
    public StoredVersion Describe(ServerCertificate current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var presented = Volatile.Read(ref _presented);
        if (presented is null || !ReferenceEquals(presented.Certificate, current))
        {
            presented = new Presented(current, Describe(current.Version, current.Certificate, null, current.Origin, isActive: true, current.Intermediates));
            Volatile.Write(ref _presented, presented);
        }

        return presented.View with { Details = detailsReader.AsOfNow(presented.View.Details) };
    }

    private StoredVersion Describe(string version, X509Certificate2 certificate, X509Certificate2Collection? owned, CertificateOrigin origin, bool isActive, X509Certificate2Collection? borrowed = null)
    {
        var chain = owned ?? borrowed ?? [];
        try
        {
            return new StoredVersion(
                version,
                detailsReader.Read(certificate, origin),
                chain.Select(c => CertificateSummary.Of(c, "installed chain")).ToList(),
                store.ReadProvenance(version),
                isActive);
        }
        finally
        {
            foreach (var intermediate in owned ?? [])
            {
                intermediate.Dispose();
            }
        }
    }

    private sealed record Presented(ServerCertificate Certificate, StoredVersion View);
}
