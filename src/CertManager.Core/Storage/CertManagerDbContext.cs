using CertManager.Core.Accounts;
using CertManager.Core.Alerts;
using CertManager.Core.Csr;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using CertManager.Core.Fleet;
using CertManager.Core.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CertManager.Core.Storage;

/// <summary>The console's SQLite database: users, events, pending certificate signing requests, pending SCEP transactions, ACME accounts and orders, alert settings, the alert outbox, API tokens and the fleet (the edge's identity key, pairing codes, followers and request nonces; on a follower, the proxy it follows). Schema changes are EF Core migrations under <c>Storage/Migrations</c>.</summary>
public sealed class CertManagerDbContext(DbContextOptions<CertManagerDbContext> options) : DbContext(options)
{
    internal DbSet<UserAccount> Users => Set<UserAccount>();

    internal DbSet<EventEntry> Events => Set<EventEntry>();

    internal DbSet<PendingRequest> PendingRequests => Set<PendingRequest>();

    internal DbSet<AlertSettingsEntry> AlertSettings => Set<AlertSettingsEntry>();

    internal DbSet<AlertMessage> AlertOutbox => Set<AlertMessage>();

    internal DbSet<ScepTransaction> ScepTransactions => Set<ScepTransaction>();

    internal DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    internal DbSet<AcmeAccountEntry> AcmeAccounts => Set<AcmeAccountEntry>();

    internal DbSet<AcmeOrderEntry> AcmeOrders => Set<AcmeOrderEntry>();

    internal DbSet<AcmeHttpToken> AcmeHttpTokens => Set<AcmeHttpToken>();

    internal DbSet<FleetIdentityEntry> FleetIdentity => Set<FleetIdentityEntry>();

    internal DbSet<PairingCodeEntry> PairingCodes => Set<PairingCodeEntry>();

    internal DbSet<FollowerEntry> Followers => Set<FollowerEntry>();

    internal DbSet<FleetNonceEntry> FleetNonces => Set<FleetNonceEntry>();

    internal DbSet<FollowingEntry> Following => Set<FollowingEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native date type; the binary form of DateTimeOffset keeps ordering and comparisons in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserAccount>(user =>
        {
            user.ToTable("Users");
            user.HasIndex(u => u.NormalizedUserName).IsUnique();
            user.Property(u => u.UserName).HasMaxLength(64);
            user.Property(u => u.NormalizedUserName).HasMaxLength(64);
            user.Property(u => u.Role).HasConversion<string>().HasMaxLength(32);
        });

        modelBuilder.Entity<EventEntry>(entry =>
        {
            entry.ToTable("Events");
            entry.HasIndex(e => e.Time);
            entry.Property(e => e.Severity).HasConversion<string>().HasMaxLength(16);
            entry.Property(e => e.Source).HasMaxLength(64);
            entry.Property(e => e.Actor).HasMaxLength(64);
            entry.Property(e => e.CertificateFingerprint).HasMaxLength(95);
            entry.Property(e => e.CertificateSubject).HasMaxLength(1024);
            entry.Property(e => e.ConditionKey).HasMaxLength(128);
            entry.Property(e => e.AcknowledgedBy).HasMaxLength(64);
            entry.HasIndex(e => new { e.ConditionKey, e.ResolvedAt });
            entry.HasIndex(e => e.Severity);
        });

        modelBuilder.Entity<AlertSettingsEntry>(settings =>
        {
            settings.ToTable("AlertSettings");
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.Security).HasConversion<string>().HasMaxLength(16);
            settings.Property(s => s.MinimumSeverity).HasConversion<string>().HasMaxLength(16);
            settings.Property(s => s.UpdatedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<AlertMessage>(message =>
        {
            message.ToTable("AlertOutbox");
            message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
            message.Property(m => m.Channel).HasMaxLength(64).HasDefaultValue(Alerts.Channels.EmailAlertChannel.Name);
            message.HasOne(m => m.Event).WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PendingRequest>(request =>
        {
            request.ToTable("PendingRequests");
            request.HasIndex(r => r.PublicKeySha256);
            request.Property(r => r.CreatedBy).HasMaxLength(64);
            request.Property(r => r.Hash).HasConversion<string>().HasMaxLength(16);
            request.Property(r => r.PublicKeySha256).HasMaxLength(95);
        });

        modelBuilder.Entity<ScepTransaction>(transaction =>
        {
            transaction.ToTable("ScepTransactions");
            transaction.HasIndex(t => new { t.Status, t.NextPoll });
            transaction.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            transaction.Property(t => t.CreatedBy).HasMaxLength(64);
            transaction.Property(t => t.TransactionId).HasMaxLength(128);
        });

        modelBuilder.Entity<ApiToken>(token =>
        {
            token.ToTable("ApiTokens");
            token.HasIndex(t => t.PublicId).IsUnique();
            token.HasIndex(t => t.UserId);
            token.Property(t => t.PublicId).HasMaxLength(16);
            token.Property(t => t.Name).HasMaxLength(64);
            token.Property(t => t.Scopes).HasMaxLength(256);
            token.Property(t => t.Role).HasConversion<string>().HasMaxLength(32);
            token.Property(t => t.LastUsedFrom).HasMaxLength(64);
            token.Property(t => t.RevokedBy).HasMaxLength(128);
            token.HasOne<UserAccount>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AcmeAccountEntry>(account =>
        {
            account.ToTable("AcmeAccounts");
            account.HasIndex(a => a.DirectoryUrl).IsUnique();
            account.Property(a => a.DirectoryUrl).HasMaxLength(2048);
            account.Property(a => a.AccountUrl).HasMaxLength(2048);
            account.Property(a => a.Status).HasMaxLength(16);
            account.Property(a => a.CreatedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<AcmeOrderEntry>(order =>
        {
            order.ToTable("AcmeOrders");
            order.HasIndex(o => o.Status);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            order.Property(o => o.DirectoryUrl).HasMaxLength(2048);
            order.Property(o => o.OrderUrl).HasMaxLength(2048);
            order.Property(o => o.ChallengeWay).HasMaxLength(32);
            order.Property(o => o.LastStep).HasMaxLength(32);
            order.Property(o => o.CreatedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<AcmeHttpToken>(token =>
        {
            token.ToTable("AcmeHttpTokens");
            token.HasKey(t => t.Token);
            token.Property(t => t.Token).HasMaxLength(256);
        });

        FleetModel.Configure(modelBuilder);
    }
}
