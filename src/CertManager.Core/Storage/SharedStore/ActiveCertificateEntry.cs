namespace CertManager.Core.Storage.SharedStore;

/// <summary>The single row naming the version every node presents: the database form of the <c>active</c> pointer file.</summary>
internal sealed class ActiveCertificateEntry
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public required string Version { get; set; }

    public DateTimeOffset Changed { get; set; }
}
