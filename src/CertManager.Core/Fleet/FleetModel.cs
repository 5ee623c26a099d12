using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Fleet;

/// <summary>The fleet's tables, kept beside the entities they map.</summary>
internal static class FleetModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FleetIdentityEntry>(identity =>
        {
            identity.ToTable("FleetIdentity");
            identity.Property(i => i.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<PairingCodeEntry>(code =>
        {
            code.ToTable("FleetPairingCodes");
            code.HasIndex(c => c.PublicId).IsUnique();
            code.Property(c => c.PublicId).HasMaxLength(16);
            code.Property(c => c.CreatedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<FollowerEntry>(follower =>
        {
            follower.ToTable("FleetFollowers");
            follower.HasIndex(f => f.Removed);
            follower.Property(f => f.Name).HasMaxLength(64);
            follower.Property(f => f.PairedBy).HasMaxLength(64);
            follower.Property(f => f.RemovedBy).HasMaxLength(64);
            follower.Property(f => f.LastAddress).HasMaxLength(64);
            follower.Property(f => f.DeliveredFingerprint).HasMaxLength(95);
            follower.Property(f => f.InstalledFingerprint).HasMaxLength(95);
            follower.Property(f => f.PresentedFingerprint).HasMaxLength(95);
            follower.Property(f => f.PresentedSubject).HasMaxLength(FollowerReport.MaxSubjectLength);
            follower.Property(f => f.State).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<FleetNonceEntry>(nonce =>
        {
            nonce.ToTable("FleetNonces");
            nonce.HasIndex(n => new { n.FollowerId, n.Nonce }).IsUnique();
            nonce.HasIndex(n => n.Expires);
            nonce.Property(n => n.Nonce).HasMaxLength(64);
        });

        modelBuilder.Entity<FollowingEntry>(following =>
        {
            following.ToTable("FleetFollowing");
            following.Property(f => f.Id).ValueGeneratedNever();
            following.Property(f => f.EdgeUrl).HasMaxLength(2048);
            following.Property(f => f.Name).HasMaxLength(64);
            following.Property(f => f.PairedBy).HasMaxLength(64);
            following.Property(f => f.LastOutcome).HasMaxLength(2048);
            following.Property(f => f.InstalledFingerprint).HasMaxLength(95);
            following.Property(f => f.SeenFingerprint).HasMaxLength(95);
        });
    }
}
