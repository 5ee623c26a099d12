using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage.SharedStore;

/// <summary>
/// Tables used when several nodes share a PostgreSQL store; a SQLite console keeps the same state as files in its data
/// directory, and its tables stay empty.
/// </summary>
internal static class SharedStoreModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CertificateVersionEntry>(version =>
        {
            version.ToTable("CertificateVersions");
            version.HasKey(v => v.Name);
            version.Property(v => v.Name).HasMaxLength(128);
        });

        modelBuilder.Entity<TrustedRootEntry>(root =>
        {
            root.ToTable("TrustedRoots");
            root.HasKey(r => r.Fingerprint);
            root.Property(r => r.Fingerprint).HasMaxLength(64);
        });

        modelBuilder.Entity<ActiveCertificateEntry>(active =>
        {
            active.ToTable("ActiveCertificate");
            active.Property(a => a.Id).ValueGeneratedNever();
            active.Property(a => a.Version).HasMaxLength(128);
        });
    }
}
