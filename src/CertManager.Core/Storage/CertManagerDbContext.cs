using CertManager.Core.Accounts;
using CertManager.Core.Alerts;
using CertManager.Core.Csr;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using CertManager.Core.Fleet;
using CertManager.Core.Tokens;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CertManager.Core.Storage;

/// <summary>The console's database (SQLite by default; PostgreSQL through <see cref="PostgreSqlDbContext"/>): users, events, pending certificate signing requests, pending SCEP transactions, ACME accounts and orders, alert settings, the alert outbox, API tokens and the fleet (the edge's identity key, pairing codes, followers and request nonces; on a follower, the proxy it follows). Schema changes are EF Core migrations under <c>Storage/Migrations</c> (SQLite) and <c>Storage/Migrations/PostgreSql</c>.</summary>
public class CertManagerDbContext : DbContext, IDataProtectionKeyContext
{
    public CertManagerDbContext(DbContextOptions<CertManagerDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's derived context, whose migrations are kept apart from SQLite's.</summary>
    protected CertManagerDbContext(DbContextOptions options)
        : base(options)
    {
    }

    internal DbSet<UserAccount> Users => Set<UserAccount>();

    internal DbSet<EventEntry> Events => Set<EventEntry>();

    internal DbSet<PendingRequest> PendingRequests => Set<PendingRequest>();

    internal DbSet<AlertSettingsEntry> AlertSettings => Set<AlertSettingsEntry>();

    internal DbSet<AlertMessage> AlertOutbox => Set<AlertMessage>();

    internal DbSet<Alerts.Channels.WebhookChannelEntry> WebhookChannels => Set<Alerts.Channels.WebhookChannelEntry>();

    internal DbSet<ScepTransaction> ScepTransactions => Set<ScepTransaction>();

    internal DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    internal DbSet<AcmeAccountEntry> AcmeAccounts => Set<AcmeAccountEntry>();

    internal DbSet<AcmeOrderEntry> AcmeOrders => Set<AcmeOrderEntry>();

    internal DbSet<AcmeHttpToken> AcmeHttpTokens => Set<AcmeHttpToken>();

    internal DbSet<AcmeDnsUpdateEntry> AcmeDnsUpdates => Set<AcmeDnsUpdateEntry>();

    internal DbSet<ScepSourceEntry> ScepSources => Set<ScepSourceEntry>();

    internal DbSet<FleetIdentityEntry> FleetIdentity => Set<FleetIdentityEntry>();

    internal DbSet<PairingCodeEntry> PairingCodes => Set<PairingCodeEntry>();

    internal DbSet<FollowerEntry> Followers => Set<FollowerEntry>();

    internal DbSet<FleetNonceEntry> FleetNonces => Set<FleetNonceEntry>();

    internal DbSet<FollowingEntry> Following => Set<FollowingEntry>();

    internal DbSet<SharedStore.CertificateVersionEntry> CertificateVersions => Set<SharedStore.CertificateVersionEntry>();

    internal DbSet<SharedStore.ActiveCertificateEntry> ActiveCertificate => Set<SharedStore.ActiveCertificateEntry>();

    internal DbSet<SharedStore.TrustedRootEntry> TrustedRoots => Set<SharedStore.TrustedRootEntry>();

    /// <summary>The data-protection key ring when nodes share a PostgreSQL store; each key's XML is encrypted with the master key.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
            // The severity filter and the active count (severity, neither resolved nor acknowledged) read this index only.
            entry.HasIndex(e => new { e.Severity, e.ResolvedAt, e.AcknowledgedAt });
            // The source filter and the viewer's source list.
            entry.HasIndex(e => e.Source);
        });

        modelBuilder.Entity<AlertSettingsEntry>(settings =>
        {
            settings.ToTable("AlertSettings");
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.Security).HasConversion<string>().HasMaxLength(16);
            settings.Property(s => s.MinimumSeverity).HasConversion<string>().HasMaxLength(16);
            settings.Property(s => s.UpdatedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<Alerts.Channels.WebhookChannelEntry>(webhook =>
        {
            webhook.ToTable("WebhookChannels");
            webhook.Property(w => w.Name).HasMaxLength(40);
            webhook.HasIndex(w => w.Name).IsUnique();
            webhook.Property(w => w.Format).HasConversion<string>().HasMaxLength(16);
            webhook.Property(w => w.MinimumSeverity).HasConversion<string>().HasMaxLength(16);
            webhook.Property(w => w.CreatedBy).HasMaxLength(64);
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

        modelBuilder.Entity<AcmeDnsUpdateEntry>(update =>
        {
            update.ToTable("AcmeDnsUpdates");
            update.Property(u => u.Server).HasMaxLength(255);
            update.Property(u => u.Zone).HasMaxLength(255);
            update.Property(u => u.KeyName).HasMaxLength(255);
            update.Property(u => u.Algorithm).HasMaxLength(32);
            update.Property(u => u.UpdatedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<ScepSourceEntry>(source =>
        {
            source.ToTable("ScepSources");
            source.HasIndex(s => s.CertificateFingerprint);
            source.Property(s => s.EndpointUrl).HasMaxLength(2048);
            source.Property(s => s.CertificateFingerprint).HasMaxLength(64);
            source.Property(s => s.CreatedBy).HasMaxLength(64);
        });

        FleetModel.Configure(modelBuilder);
        SharedStore.SharedStoreModel.Configure(modelBuilder);
    }
}
