using CertManager.Core.Storage.Providers;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage.SharedStore;

/// <summary>
/// The certificate versions and the active pointer in the database, so that every node of a PostgreSQL store presents
/// the same certificate. Used by <see cref="CertificateStore"/> in place of the data directory's version folders when
/// <see cref="IsUsed"/>; moving the pointer notifies the other nodes (<see cref="ActiveChannel"/>).
/// </summary>
public sealed class SharedCertificateVersions(IDatabaseEngine engine)
{
    /// <summary>The notification channel that carries the newly active version's name.</summary>
    public const string ActiveChannel = "certmanager_active_certificate";

    public bool IsUsed => engine.Provider == DatabaseProvider.PostgreSql;

    public string? ReadActive()
    {
        using var context = engine.CreateContext();
        return context.ActiveCertificate.AsNoTracking().Where(a => a.Id == ActiveCertificateEntry.SingletonId).Select(a => a.Version).FirstOrDefault();
    }

    /// <summary>Moves the pointer and tells the other nodes in the same transaction: they hear of it only once it is committed.</summary>
    public void WriteActive(string version, DateTimeOffset now)
    {
        using var context = engine.CreateContext();
        using var transaction = context.Database.BeginTransaction();
        var active = context.ActiveCertificate.FirstOrDefault(a => a.Id == ActiveCertificateEntry.SingletonId);
        if (active is null)
        {
            context.ActiveCertificate.Add(new ActiveCertificateEntry { Version = version, Changed = now });
        }
        else
        {
            active.Version = version;
            active.Changed = now;
        }

        context.SaveChanges();
        engine.Notify(context, ActiveChannel, version);
        transaction.Commit();
    }

    internal CertificateVersionEntry? Read(string name)
    {
        using var context = engine.CreateContext();
        return context.CertificateVersions.AsNoTracking().FirstOrDefault(v => v.Name == name);
    }

    public bool Exists(string name)
    {
        using var context = engine.CreateContext();
        return context.CertificateVersions.Any(v => v.Name == name);
    }

    /// <summary>Adds a complete version in one row; false when a version of that name exists (another node made it first).</summary>
    internal bool TryAdd(CertificateVersionEntry entry)
    {
        using var context = engine.CreateContext();
        context.CertificateVersions.Add(entry);
        try
        {
            context.SaveChanges();
            return true;
        }
        catch (DbUpdateException) when (Exists(entry.Name))
        {
            return false;
        }
    }

    public IReadOnlyList<string> ListInstalled(string defaultVersion)
    {
        using var context = engine.CreateContext();
        return context.CertificateVersions.AsNoTracking().Where(v => v.Name != defaultVersion).Select(v => v.Name).AsEnumerable()
            .OrderDescending(StringComparer.Ordinal).ToList();
    }
}
