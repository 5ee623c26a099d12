namespace CertManager.Core.Storage.Providers;

/// <summary>One connection that compares the database's commit state with what it saw last; used by one caller at a time.</summary>
public interface IDatabaseChangeReader : IDisposable
{
    /// <summary>True on the first reading and whenever any connection committed since the previous one.</summary>
    bool HasChanged();
}
