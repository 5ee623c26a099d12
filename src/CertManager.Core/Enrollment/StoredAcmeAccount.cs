using System.Security.Cryptography;

namespace CertManager.Core.Enrollment;

/// <summary>An ACME account read back from storage with its key decrypted (PKCS#8); disposing clears the key bytes.</summary>
public sealed class StoredAcmeAccount(Uri directoryUrl, Uri accountUrl, byte[] keyPkcs8, IReadOnlyList<string> contact, string status, DateTimeOffset created) : IDisposable
{
    public Uri DirectoryUrl { get; } = directoryUrl;

    public Uri AccountUrl { get; } = accountUrl;

    public ReadOnlySpan<byte> KeyPkcs8 => keyPkcs8;

    public IReadOnlyList<string> Contact { get; } = contact;

    public string Status { get; } = status;

    public DateTimeOffset Created { get; } = created;

    public void Dispose() => CryptographicOperations.ZeroMemory(keyPkcs8);
}
