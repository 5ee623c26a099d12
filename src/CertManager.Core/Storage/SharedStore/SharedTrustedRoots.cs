using CertManager.Core.Storage.Providers;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage.SharedStore;

/// <summary>The trust store's added roots as rows, one per root, so that every node of a PostgreSQL store trusts the same ones.</summary>
public sealed class SharedTrustedRoots(IDatabaseEngine engine)
{
    public bool IsUsed => engine.Provider == DatabaseProvider.PostgreSql;

    /// <summary>The added roots' PEM, in the order they were added.</summary>
    public IReadOnlyList<string> List()
    {
        using var context = engine.CreateContext();
        return context.TrustedRoots.AsNoTracking().OrderBy(r => r.Added).ThenBy(r => r.Fingerprint).Select(r => r.CertificatePem).ToList();
    }

    /// <summary>Adds a root once; false when it was there already.</summary>
    public bool TryAdd(string fingerprint, string certificatePem, DateTimeOffset now)
    {
        using var context = engine.CreateContext();
        if (context.TrustedRoots.Any(r => r.Fingerprint == fingerprint))
        {
            return false;
        }

        context.TrustedRoots.Add(new TrustedRootEntry { Fingerprint = fingerprint, CertificatePem = certificatePem, Added = now });
        try
        {
            context.SaveChanges();
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node added the same root at the same moment.
            return false;
        }
    }

    /// <summary>Removes a root; its PEM, or null when it was not there.</summary>
    public string? Remove(string fingerprint)
    {
        using var context = engine.CreateContext();
        var row = context.TrustedRoots.FirstOrDefault(r => r.Fingerprint == fingerprint);
        if (row is null)
        {
            return null;
        }

        context.TrustedRoots.Remove(row);
        return context.SaveChanges() > 0 ? row.CertificatePem : null;
    }
}
